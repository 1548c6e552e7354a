// Mongoose validation, cast and strict-mode errors as client errors naming the
// input field (`input.participatingCountries[2].countryCode`), so a record the
// schema rejects reaches the caller as BAD_USER_INPUT, never as a crash.
import { GraphQLError } from 'graphql';
import mongoose from 'mongoose';
import { badUserInput } from '../input-errors.js';

/** Stored path `a.2.b` → input path `a[2].b`. */
export const bracketPath = (path: string) => path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');

/** Maps a stored record path to the input path the client sent (default: `input.` + bracketed path). */
export type InputPathOf = (recordPath: string) => string;
export const defaultInputPath: InputPathOf = (p) => `input.${bracketPath(p)}`;

function expectedOf(err: { kind?: string; message?: string; path?: string }): string {
  switch (err.kind) {
    case 'required':
      return 'a value (required)';
    case 'enum':
      return 'one of the allowed values';
    case 'min':
    case 'max':
    case 'minlength':
    case 'maxlength':
      return (err.message ?? 'a value within bounds').replace(/^Path `[^`]*` /, '');
    default:
      return err.kind ? `a valid ${err.kind}` : 'a valid value';
  }
}

/**
 * The BAD_USER_INPUT error for a mongoose error (first failing path, in path
 * order so the answer is stable), or null when `err` is not a mongoose input error.
 */
export function inputErrorFromMongoose(err: unknown, inputPath: InputPathOf = defaultInputPath): GraphQLError | null {
  if (err instanceof mongoose.Error.ValidationError) {
    const first = Object.keys(err.errors).sort()[0];
    const inner = err.errors[first] as { kind?: string; message?: string; path?: string };
    // The error key is the full path (the inner error's path is relative to its subdocument).
    return badUserInput(inputPath(first), expectedOf(inner));
  }
  if (err instanceof mongoose.Error.CastError) return badUserInput(inputPath(err.path), `a valid ${err.kind}`);
  if (err instanceof mongoose.Error.StrictModeError) return badUserInput(inputPath(err.path), 'no such field');
  return null;
}

/** Runs `fn`; mongoose input errors become BAD_USER_INPUT, anything else is rethrown. */
export async function withInputErrors<T>(fn: () => Promise<T> | T, inputPath: InputPathOf = defaultInputPath): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw inputErrorFromMongoose(err, inputPath) ?? err;
  }
}
