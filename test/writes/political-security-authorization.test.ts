// Who may write political-security's meetings, activities and bodies: each
// caller kind × each mutation (own/other pillar, own/other country), through
// the real gateway; a refused call writes nothing. Country limits apply to the
// versions before and after a change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Models } from '../../subgraphs/political-security/models.js';
import { editorOf, secretariatAdmin } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { activityInput, bodyInput, meetingInput, mutations, openPoliticalSecurityModels } from './political-security-inputs.js';
import { authorizationMatrix, callersOf, type MutationCase } from './record-authorization-matrix.js';
import { callerOf, failed, ok } from './writes-client.js';

let platform: PlatformFixture;
let models: Models;
let close: () => Promise<void>;
beforeAll(async () => {
  platform = await startTestPlatform();
  ({ models, close } = await openPoliticalSecurityModels(platform.storeUris['political-security']));
});
afterAll(async () => {
  await close?.();
  await platform?.dispose();
});

const call = callerOf(() => platform.gatewayUrl);
const asAdmin = async (query: string, variables: Record<string, unknown>) => void ok(await call(secretariatAdmin, query, variables));
const titled = (i: number) => ({ en: `Written by caller ${i}`, zh: `合成数据 ${i}` });

/** create, update and archive of one kind; every record involves TH only. */
function kindCases(
  kind: 'Meeting' | 'CooperationActivity' | 'MechanismBody',
  idOf: (tag: string) => string,
  input: (overrides?: Record<string, unknown>) => Record<string, unknown>,
  titleField: 'title' | 'name',
  model: { findOne(filter: object): { lean(): unknown } },
): MutationCase[] {
  const stored = async (id: string) => (await model.findOne({ _id: id }).lean()) as { archived?: boolean; title?: { en: string }; name?: { en: string } } | null;
  const updated = idOf('mx-update');
  return [
    {
      name: `create${kind}`,
      query: mutations[`create${kind}`],
      variables: (i) => ({ id: idOf(`mx-create-${i}`), input: input() }),
      wrote: async (i) => (await stored(idOf(`mx-create-${i}`))) !== null,
    },
    {
      name: `update${kind}`,
      query: mutations[`update${kind}`],
      setup: async () => {
        if (!(await stored(updated))) await asAdmin(mutations[`create${kind}`], { id: updated, input: input() });
      },
      variables: (i) => ({ id: updated, input: input({ [titleField]: titled(i) }) }),
      wrote: async (i) => (await stored(updated))?.[titleField]?.en === titled(i).en,
    },
    {
      name: `archive${kind}`,
      query: mutations[`archive${kind}`],
      setup: (i) => asAdmin(mutations[`create${kind}`], { id: idOf(`mx-archive-${i}`), input: input() }),
      variables: (i) => ({ id: idOf(`mx-archive-${i}`) }),
      wrote: async (i) => (await stored(idOf(`mx-archive-${i}`)))?.archived === true,
    },
  ];
}

describe('authorization matrix (records of TH)', () => {
  authorizationMatrix(call, callersOf('political-security', 'TH', 'LA', 'economy'), [
    ...kindCases('Meeting', (tag) => `mtg-2024-03-05-${tag}`, meetingInput, 'title', { findOne: (f) => models.meetings.findOne(f) }),
    ...kindCases('CooperationActivity', (tag) => `act-${tag}`, (o) => activityInput({ participants: [{ countryCode: 'TH', total: 4 }], ...o }), 'title', {
      findOne: (f) => models.activities.findOne(f),
    }),
    ...kindCases('MechanismBody', (tag) => `body-${tag}`, bodyInput, 'name', { findOne: (f) => models.bodies.findOne(f) }),
  ]);
});

describe('country limits', () => {
  const th = editorOf('political-security', 'TH');
  const la = editorOf('political-security', 'LA');

  it('a record involving several countries is writable by an editor of any of them', async () => {
    const id = 'mtg-2024-03-05-cohosted';
    ok(await call(th, mutations.createMeeting, { id, input: meetingInput({ hostCountryCodes: ['TH'], coChairCodes: ['TH', 'LA'] }) }));
    const updated = ok(await call(la, mutations.updateMeeting, { id, input: meetingInput({ hostCountryCodes: ['LA'], coChairCodes: ['TH', 'LA'] }) })).updateMeeting;
    expect(updated.hostCountries).toEqual([{ code: 'LA' }]);
  });

  it('an editor cannot move a record out of its country, nor take one into it', async () => {
    const id = 'act-moving';
    ok(await call(th, mutations.createCooperationActivity, { id, input: activityInput({ participants: [{ countryCode: 'TH', total: 2 }] }) }));
    failed(await call(th, mutations.updateCooperationActivity, { id, input: activityInput({ participants: [{ countryCode: 'VN', total: 2 }] }) }), 'FORBIDDEN');
    failed(await call(la, mutations.updateCooperationActivity, { id, input: activityInput({ participants: [{ countryCode: 'LA', total: 2 }] }) }), 'FORBIDDEN');
    const stored = (await models.activities.findOne({ _id: id }).lean())!;
    expect(stored.participantCountryCodes).toEqual(['TH']);
    expect(stored.revision).toBe(1);
  });

  it('regional bodies (no country) are for unlimited editors and admins', async () => {
    failed(await call(th, mutations.createMechanismBody, { id: 'body-regional-th', input: bodyInput({ countryCode: null }) }), 'FORBIDDEN');
    expect(await models.bodies.countDocuments({ _id: 'body-regional-th' })).toBe(0);
    ok(await call(editorOf('political-security'), mutations.createMechanismBody, { id: 'body-regional', input: bodyInput({ countryCode: null }) }));
  });

  it('authorization is checked before validation: a refused caller learns nothing about the input', async () => {
    failed(await call(editorOf('economy'), mutations.createMeeting, { id: 'mtg-2024-03-05-bad', input: meetingInput({ hostCountryCodes: [] }) }), 'FORBIDDEN');
  });
});
