// GraphQL type → the stored record type its resolvers receive (see codegen.ts).
const models = '../models.js';
export const mappers: Record<string, string> = {
  SocialCulturalAction: `${models}#PlanActionRecord`,
  Country: `${models}#CountryPillarView`,
  CountrySocialCultural: `${models}#CountryPillarView`,
  ExchangeProgramme: `${models}#ExchangeProgrammeRecord`,
  ExchangeProgrammeConnection: `${models}#ExchangeProgrammeConnectionValue`,
  Event: `${models}#EventRecord`,
  EventConnection: `${models}#EventConnectionValue`,
  EventPlace: `${models}#EventPlaceRecord`,
  ExchangeAggregate: `${models}#ExchangeAggregateRow`,
  EventAggregate: `${models}#EventAggregateRow`,
  SeriesBucket: `${models}#SeriesBucketValue`,
  CountryParticipation: `${models}#ParticipationValue`,
  HealthCase: `${models}#HealthCaseRecord`,
  TourismArrival: `${models}#TourismArrivalRecord`,
};
