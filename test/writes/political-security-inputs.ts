// Inputs, selections and store access shared by the political-security write suites.
import { connectStore } from '../../platform-kit/mongo-store.js';
import { registerModels, type Models } from '../../subgraphs/political-security/models.js';
import { subgraphInfo } from '../../subgraphs/registry.js';
import { testProvenance } from './writes-client.js';

export async function openPoliticalSecurityModels(uri: string): Promise<{ models: Models; close: () => Promise<void> }> {
  const connection = await connectStore({ uri, dbName: subgraphInfo('political-security').defaultDatabase });
  return { models: registerModels(connection), close: () => connection.close() };
}

export const meetingInput = (overrides: Record<string, unknown> = {}) => ({
  type: 'SENIOR_OFFICIALS',
  title: { en: 'Synthetic test meeting', zh: '合成数据 测试会议' },
  date: '2024-03-05T00:00:00.000Z',
  hostCountryCodes: ['TH'],
  coChairCodes: ['TH'],
  outcomeDocumentIds: [],
  actionsReviewed: [12, 47],
  provenance: testProvenance,
  ...overrides,
});

export const activityInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'TRAINING',
  title: { en: 'Synthetic test activity', zh: '合成数据 测试活动' },
  startDate: '2023-06-01T00:00:00.000Z',
  endDate: '2023-06-05T00:00:00.000Z',
  participants: [
    { countryCode: 'TH', total: 30, female: 10, male: 20 },
    { countryCode: 'KH', total: 12, female: null, male: null },
  ],
  actionNumbers: [14],
  provenance: testProvenance,
  ...overrides,
});

export const bodyInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'CENTRE',
  name: { en: 'Synthetic test centre', zh: '合成数据 测试中心' },
  countryCode: 'TH',
  status: 'PROPOSED',
  provenance: testProvenance,
  ...overrides,
});

export const MEETING_FIELDS = `id type title { en zh } date hostCountries { code } coChairs { code } outcomeDocuments { id }
  actionsReviewed { number } revision archived provenance { source synthetic }`;
export const ACTIVITY_FIELDS = `id kind title { en zh } startDate endDate participants { countryCode total female male }
  actions { number } revision archived provenance { source synthetic }`;
export const BODY_FIELDS = `id kind name { en zh } countryCode status revision archived provenance { source synthetic }`;

export const mutations = {
  createMeeting: `mutation($id: ID, $input: MeetingInput!) { createMeeting(id: $id, input: $input) { ${MEETING_FIELDS} } }`,
  updateMeeting: `mutation($id: ID!, $input: MeetingInput!) { updateMeeting(id: $id, input: $input) { ${MEETING_FIELDS} } }`,
  archiveMeeting: `mutation($id: ID!) { archiveMeeting(id: $id) { ${MEETING_FIELDS} } }`,
  createCooperationActivity: `mutation($id: ID, $input: CooperationActivityInput!) { createCooperationActivity(id: $id, input: $input) { ${ACTIVITY_FIELDS} } }`,
  updateCooperationActivity: `mutation($id: ID!, $input: CooperationActivityInput!) { updateCooperationActivity(id: $id, input: $input) { ${ACTIVITY_FIELDS} } }`,
  archiveCooperationActivity: `mutation($id: ID!) { archiveCooperationActivity(id: $id) { ${ACTIVITY_FIELDS} } }`,
  createMechanismBody: `mutation($id: ID, $input: MechanismBodyInput!) { createMechanismBody(id: $id, input: $input) { ${BODY_FIELDS} } }`,
  updateMechanismBody: `mutation($id: ID!, $input: MechanismBodyInput!) { updateMechanismBody(id: $id, input: $input) { ${BODY_FIELDS} } }`,
  archiveMechanismBody: `mutation($id: ID!) { archiveMechanismBody(id: $id) { ${BODY_FIELDS} } }`,
};
