import { GraphQLError } from 'graphql';

/** A client error naming the offending argument or input field and what was expected. */
export const badUserInput = (field: string, expected: string) =>
  new GraphQLError(`Invalid ${field}: ${expected}`, { extensions: { code: 'BAD_USER_INPUT', field } });
