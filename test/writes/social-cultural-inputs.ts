// Inputs, selections and store access shared by the social-cultural write suites.
import { connectStore } from '../../platform-kit/mongo-store.js';
import { registerModels, type Models } from '../../subgraphs/social-cultural/models.js';
import { subgraphInfo } from '../../subgraphs/registry.js';
import { testProvenance } from './writes-client.js';

export async function openSocialCulturalModels(uri: string): Promise<{ models: Models; close: () => Promise<void> }> {
  const connection = await connectStore({ uri, dbName: subgraphInfo('social-cultural').defaultDatabase });
  return { models: registerModels(connection), close: () => connection.close() };
}

export const programmeInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'SCHOLARSHIP',
  title: { en: 'Synthetic test programme', zh: '合成数据 测试项目' },
  year: 2021,
  startDate: '2021-09-01T00:00:00.000Z',
  endDate: '2022-06-30T00:00:00.000Z',
  hostCountryCode: 'TH',
  participants: [
    { countryCode: 'TH', total: 10, female: 6, male: 4 },
    { countryCode: 'MM', total: 25 },
  ],
  organiserIds: [],
  actionNumbers: [75],
  provenance: testProvenance,
  ...overrides,
});

export const eventInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'CULTURAL',
  title: { en: 'Synthetic test festival', zh: '合成数据 测试节' },
  startDate: '2022-04-13T00:00:00.000Z',
  endDate: '2022-04-15T00:00:00.000Z',
  place: { name: 'Synthetic square', countryCode: 'TH', lat: 13.75, lon: 100.5 },
  organiserIds: [],
  actionNumbers: [80],
  provenance: testProvenance,
  ...overrides,
});

export const healthCaseInput = (overrides: Record<string, unknown> = {}) => ({
  disease: 'DENGUE',
  countryCode: 'TH',
  reportingUnit: 'synthetic-test-unit',
  time: '2021-07-01T00:00:00.000Z',
  cases: 40,
  provenance: testProvenance,
  ...overrides,
});

export const tourismArrivalInput = (overrides: Record<string, unknown> = {}) => ({
  destinationCode: 'TH',
  originCode: 'VN',
  reportingUnit: 'synthetic-test-unit',
  time: '2021-07-01T00:00:00.000Z',
  arrivals: 1200,
  provenance: testProvenance,
  ...overrides,
});

export const PROGRAMME_FIELDS = `id kind title { en zh } year startDate endDate hostCountryCode participants { countryCode total female male }
  participantTotal actions { number } revision archived provenance { source synthetic }`;
export const EVENT_FIELDS = `id kind title { en zh } startDate endDate year place { name countryCode lat lon } actions { number } revision archived`;
export const HEALTH_FIELDS = `id disease countryCode reportingUnit time cases provenance { source synthetic }`;
export const TOURISM_FIELDS = `id destinationCode originCode reportingUnit time arrivals provenance { source synthetic }`;

export const mutations = {
  createExchangeProgramme: `mutation($id: ID, $input: ExchangeProgrammeInput!) { createExchangeProgramme(id: $id, input: $input) { ${PROGRAMME_FIELDS} } }`,
  updateExchangeProgramme: `mutation($id: ID!, $input: ExchangeProgrammeInput!) { updateExchangeProgramme(id: $id, input: $input) { ${PROGRAMME_FIELDS} } }`,
  archiveExchangeProgramme: `mutation($id: ID!) { archiveExchangeProgramme(id: $id) { ${PROGRAMME_FIELDS} } }`,
  createEvent: `mutation($id: ID, $input: EventInput!) { createEvent(id: $id, input: $input) { ${EVENT_FIELDS} } }`,
  updateEvent: `mutation($id: ID!, $input: EventInput!) { updateEvent(id: $id, input: $input) { ${EVENT_FIELDS} } }`,
  archiveEvent: `mutation($id: ID!) { archiveEvent(id: $id) { ${EVENT_FIELDS} } }`,
  recordHealthCases: `mutation($o: [HealthCaseInput!]!) { recordHealthCases(observations: $o) { written ids } }`,
  updateHealthCase: `mutation($id: ID!, $input: HealthCaseChangeInput!) { updateHealthCase(id: $id, input: $input) { ${HEALTH_FIELDS} } }`,
  deleteHealthCases: `mutation($ids: [ID!]!) { deleteHealthCases(ids: $ids) { written ids } }`,
  recordTourismArrivals: `mutation($o: [TourismArrivalInput!]!) { recordTourismArrivals(observations: $o) { written ids } }`,
  updateTourismArrival: `mutation($id: ID!, $input: TourismArrivalChangeInput!) { updateTourismArrival(id: $id, input: $input) { ${TOURISM_FIELDS} } }`,
  deleteTourismArrivals: `mutation($ids: [ID!]!) { deleteTourismArrivals(ids: $ids) { written ids } }`,
};
