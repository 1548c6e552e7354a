// GraphQL type → the stored record type its resolvers receive (see codegen.ts).
const models = '../models.js';
const kit = '../../../platform-kit';
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
  Meeting: `${models}#MeetingRecord`,
  CooperationActivity: `${models}#CooperationActivityRecord`,
  MechanismBody: `${models}#MechanismBodyRecord`,
  MeetingConnection: `${kit}/connections.js#Connection<MeetingRecord>`,
  CooperationActivityConnection: `${kit}/connections.js#Connection<CooperationActivityRecord>`,
  MechanismBodyConnection: `${kit}/connections.js#Connection<MechanismBodyRecord>`,
};
