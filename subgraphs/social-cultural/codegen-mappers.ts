// GraphQL type → the stored record type its resolvers receive (see codegen.ts).
const models = '../models.js';
export const mappers: Record<string, string> = {
  SocialCulturalAction: `${models}#PlanActionRecord`,
  Country: `${models}#CountryPillarView`,
  CountrySocialCultural: `${models}#CountryPillarView`,
};
