// GraphQL type → the stored record type its resolvers receive (see codegen.ts).
const models = '../models.js';
export const mappers: Record<string, string> = {
  EconomicAction: `${models}#PlanActionRecord`,
  Country: `${models}#CountryPillarView`,
  CountryEconomy: `${models}#CountryPillarView`,
  Project: `${models}#ProjectRecord`,
  ProjectSector: `${models}#SectorInfo`,
  ProjectConnection: `${models}#ProjectConnectionValue`,
  FinancialFlow: `${models}#FinancialFlowRecord`,
  FundingTotals: `${models}#FundingTotalsRecord`,
  WaterStation: `${models}#WaterStationRecord`,
  WaterStationConnection: `${models}#WaterStationConnectionValue`,
  WaterObservation: `${models}#LatestWaterObservationRecord`,
  ObservedProperty: `${models}#ObservedPropertyInfo`,
};
