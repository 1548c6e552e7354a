// Who may write social-cultural's programmes, events and series reports: each
// caller kind × each mutation (own/other pillar, own/other country), through
// the real gateway; a refused call writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Models } from '../../subgraphs/social-cultural/models.js';
import { editorOf, secretariatAdmin } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { authorizationMatrix, callersOf, type MutationCase } from './record-authorization-matrix.js';
import { eventInput, healthCaseInput, mutations, openSocialCulturalModels, programmeInput, tourismArrivalInput } from './social-cultural-inputs.js';
import { callerOf, failed, ok } from './writes-client.js';

let platform: PlatformFixture;
let models: Models;
let close: () => Promise<void>;
beforeAll(async () => {
  platform = await startTestPlatform();
  ({ models, close } = await openSocialCulturalModels(platform.storeUris['social-cultural']));
});
afterAll(async () => {
  await close?.();
  await platform?.dispose();
});

const call = callerOf(() => platform.gatewayUrl);
const asAdmin = async (query: string, variables: Record<string, unknown>) => void ok(await call(secretariatAdmin, query, variables));
/** A stored record by id (read when a test runs: the store opens in beforeAll). */
type Load = (id: string) => Promise<Record<string, any> | null>;
const loader = (name: 'programmes' | 'events' | 'healthCases' | 'tourismArrivals'): Load => async (id) =>
  (await (models[name] as Models['events']).findOne({ _id: id }).lean()) as Record<string, any> | null;
const titled = (i: number) => ({ en: `Written by caller ${i}`, zh: `合成数据 ${i}` });

/** create, update and archive of programmes or events; every record involves TH only. */
function activityCases(kind: 'ExchangeProgramme' | 'Event', prefix: string, input: (o?: Record<string, unknown>) => Record<string, unknown>, stored: Load): MutationCase[] {
  const updated = `${prefix}-mx-update`;
  return [
    {
      name: `create${kind}`,
      query: mutations[`create${kind}`],
      variables: (i) => ({ id: `${prefix}-mx-create-${i}`, input: input() }),
      wrote: async (i) => (await stored(`${prefix}-mx-create-${i}`)) !== null,
    },
    {
      name: `update${kind}`,
      query: mutations[`update${kind}`],
      setup: async () => {
        if (!(await stored(updated))) await asAdmin(mutations[`create${kind}`], { id: updated, input: input() });
      },
      variables: (i) => ({ id: updated, input: input({ title: titled(i) }) }),
      wrote: async (i) => (await stored(updated))?.title.en === titled(i).en,
    },
    {
      name: `archive${kind}`,
      query: mutations[`archive${kind}`],
      setup: (i) => asAdmin(mutations[`create${kind}`], { id: `${prefix}-mx-archive-${i}`, input: input() }),
      variables: (i) => ({ id: `${prefix}-mx-archive-${i}` }),
      wrote: async (i) => (await stored(`${prefix}-mx-archive-${i}`))?.archived === true,
    },
  ];
}

/** record, update and delete of health or tourism reports of TH. */
function reportCases(
  kind: 'HealthCase' | 'TourismArrival',
  input: (o?: Record<string, unknown>) => Record<string, unknown>,
  idOf: (unit: string) => string,
  countOf: (r: Record<string, any>) => number,
  stored: Load,
): MutationCase[] {
  const plural = kind === 'HealthCase' ? 'HealthCases' : 'TourismArrivals';
  const field = kind === 'HealthCase' ? 'cases' : 'arrivals';
  return [
    {
      name: `record${plural}`,
      query: mutations[`record${plural}`],
      variables: (i) => ({ o: [input({ reportingUnit: `mx-record-${i}` })] }),
      wrote: async (i) => (await stored(idOf(`mx-record-${i}`))) !== null,
    },
    {
      name: `update${kind}`,
      query: mutations[`update${kind}`],
      setup: async () => {
        if (!(await stored(idOf('mx-update')))) await asAdmin(mutations[`record${plural}`], { o: [input({ reportingUnit: 'mx-update' })] });
      },
      variables: (i) => ({ id: idOf('mx-update'), input: { [field]: 100 + i } }),
      wrote: async (i) => countOf((await stored(idOf('mx-update')))!) === 100 + i,
    },
    {
      name: `delete${plural}`,
      query: mutations[`delete${plural}`],
      setup: (i) => asAdmin(mutations[`record${plural}`], { o: [input({ reportingUnit: `mx-delete-${i}` })] }),
      variables: (i) => ({ ids: [idOf(`mx-delete-${i}`)] }),
      wrote: async (i) => (await stored(idOf(`mx-delete-${i}`))) === null,
    },
  ];
}

describe('authorization matrix (records of TH)', () => {
  authorizationMatrix(call, callersOf('social-cultural', 'TH', 'LA', 'political-security'), [
    ...activityCases('ExchangeProgramme', 'xp', (o) => programmeInput({ participants: [{ countryCode: 'TH', total: 2 }], ...o }), loader('programmes')),
    ...activityCases('Event', 'ev', eventInput, loader('events')),
    ...reportCases('HealthCase', healthCaseInput, (unit) => `DENGUE|TH|${unit}|2021-07-01`, (r) => r.cases, loader('healthCases')),
    ...reportCases('TourismArrival', tourismArrivalInput, (unit) => `TH|VN|${unit}|2021-07-01`, (r) => r.arrivals, loader('tourismArrivals')),
  ]);
});

describe('country limits', () => {
  const th = editorOf('social-cultural', 'TH');
  const vn = editorOf('social-cultural', 'VN');

  it('a batch with one report of another country is refused whole', async () => {
    const before = await models.healthCases.countDocuments();
    const res = await call(th, mutations.recordHealthCases, { o: [healthCaseInput({ reportingUnit: 'limit-1' }), healthCaseInput({ reportingUnit: 'limit-2', countryCode: 'LA' })] });
    failed(res, 'FORBIDDEN');
    expect(await models.healthCases.countDocuments()).toBe(before);
  });

  it('tourism reports belong to the destination, not the origin', async () => {
    failed(await call(vn, mutations.recordTourismArrivals, { o: [tourismArrivalInput({ reportingUnit: 'limit-vn' })] }), 'FORBIDDEN');
    ok(await call(th, mutations.recordTourismArrivals, { o: [tourismArrivalInput({ reportingUnit: 'limit-th' })] }));
  });

  it("a programme is writable by an editor of any of its countries, who cannot take it out of its own", async () => {
    const id = 'xp-shared';
    ok(await call(th, mutations.createExchangeProgramme, { id, input: programmeInput({ hostCountryCode: 'TH', participants: [{ countryCode: 'VN', total: 4 }] }) }));
    ok(await call(vn, mutations.updateExchangeProgramme, { id, input: programmeInput({ hostCountryCode: 'TH', participants: [{ countryCode: 'VN', total: 5 }] }) }));
    failed(await call(vn, mutations.updateExchangeProgramme, { id, input: programmeInput({ hostCountryCode: 'TH', participants: [{ countryCode: 'LA', total: 5 }] }) }), 'FORBIDDEN');
    expect((await models.programmes.findOne({ _id: id }).lean())!.revision).toBe(2);
  });
});
