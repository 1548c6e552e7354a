// GraphQL type → the stored record type its resolvers receive (see codegen.ts).
const models = '../models.js';
export const mappers: Record<string, string> = {
  Plan: `${models}#PlanOutline`,
  Chapter: `${models}#ChapterRecord`,
  Section: `${models}#SectionRecord`,
  FrameworkAction: `${models}#PlanActionRecord`,
  PoliticalSecurityAction: `${models}#PlanActionRecord`,
  EconomicAction: `${models}#PlanActionRecord`,
  SocialCulturalAction: `${models}#PlanActionRecord`,
  Country: `${models}#CountryRecord`,
  CountryPoliticalSecurity: `${models}#CountryPillarView`,
};
