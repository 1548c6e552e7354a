// GraphQL type → the stored record type its resolvers receive (see codegen.ts).
const models = '../models.js';
export const mappers: Record<string, string> = {
  EconomicAction: `${models}#PlanActionRecord`,
  Country: `${models}#CountryPillarView`,
  CountryEconomy: `${models}#CountryPillarView`,
};
