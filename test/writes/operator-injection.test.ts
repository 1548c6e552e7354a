// Operator-injection attempts in every text input of the mutations this suite
// covers: each value is either stored literally (read back unchanged) or
// rejected as BAD_USER_INPUT on that field; never interpreted, never a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticProvenance } from '../../platform-kit/provenance.js';
import { upsertWaterStations } from '../../subgraphs/economy/water-writes.js';
import { openEconomyModels } from '../economy/economy-store.js';
import { editorOf, secretariatAdmin } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { callerOf, documentInput, ok, organisationInput, progressDraftInput, projectInput, testProvenance } from './writes-client.js';

let platform: PlatformFixture;
beforeAll(async () => {
  platform = await startTestPlatform();
  const economy = await openEconomyModels(platform.storeUris.economy);
  await upsertWaterStations(economy.models, [
    { _id: 'ws-inj', name: 'Synthetic', river: 'Mekong', countryCode: 'LA', lat: 18, lon: 102, properties: ['PH'], floodStage: null, alarmStage: null, provenance: syntheticProvenance() },
  ]);
  await economy.close();
});
afterAll(async () => {
  await platform?.dispose();
});

const call = callerOf(() => platform.gatewayUrl);
const evils = ['{"$gt": ""}', '$where', '{"$where": "sleep(5000) || true"}', 'this.constructor.constructor("return process")()', "'; db.dropDatabase(); '"];

/** Sets the value at a dotted path (with [n] indexes) of a copy of obj. */
function withValue(obj: unknown, path: string, value: unknown): any {
  const copy = structuredClone(obj) as any;
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let at = copy;
  for (const k of keys.slice(0, -1)) at = at[k];
  at[keys.at(-1)!] = value;
  return copy;
}
const valueAt = (obj: any, path: string) => path.replace(/\[(\d+)\]/g, '.$1').split('.').reduce((o, k) => o?.[k], obj);

interface TextCase {
  label: string;
  /** Runs the mutation with `evil` at the field; returns the response and a read-back of the stored value (when accepted). */
  run(evil: string, n: number): Promise<{ res: any; stored?: () => Promise<unknown> }>;
  field: string;
}

const editor = editorOf('economy');
const readProject = (id: string, path: string) => async () =>
  valueAt(ok(await call(editor, `query($id: ID!) { economyHistory(kind: PROJECT, id: $id) { after } }`, { id })).economyHistory.at(-1).after, path);

const projectTextFields = ['title.en', 'title.zh', 'description.en', 'description.zh', 'locations[0].name', 'provenance.licence', 'sectorCode', 'flows[0].currency', 'participatingCountries[0].countryCode'];
const cases: TextCase[] = [
  ...projectTextFields.map((path) => ({
    label: `createProject input.${path}`,
    field: `input.${path}`,
    run: async (evil: string, n: number) => {
      const id = `inj-proj-${n}`;
      const res = await call(editor, `mutation($id: ID, $input: ProjectInput!) { createProject(id: $id, input: $input) { id } }`, { id, input: withValue(projectInput(), path, evil) });
      return { res, stored: readProject(id, path.replace(/\[(\d+)\]/g, '.$1')) };
    },
  })),
  ...['name.en', 'name.zh', 'provenance.licence', 'countryCode'].map((path) => ({
    label: `createEconomyOrganisation input.${path}`,
    field: `input.${path}`,
    run: async (evil: string, n: number) => {
      const id = `inj-org-${n}`;
      const res = await call(editor, `mutation($id: ID, $input: OrganisationInput!) { createEconomyOrganisation(id: $id, input: $input) { id } }`, { id, input: withValue(organisationInput('LA'), path, evil) });
      return { res, stored: async () => valueAt(ok(await call(editor, `query($id: ID!) { economyOrganisation(id: $id) { name { en zh } countryCode provenance { licence } } }`, { id })).economyOrganisation, path) };
    },
  })),
  ...['title.en', 'title.zh', 'language', 'url'].map((path) => ({
    label: `createEconomyDocument input.${path}`,
    field: `input.${path}`,
    run: async (evil: string, n: number) => {
      const id = `inj-doc-${n}`;
      const res = await call(editor, `mutation($id: ID, $input: DocumentInput!) { createEconomyDocument(id: $id, input: $input) { id } }`, { id, input: withValue(documentInput(), path, evil) });
      return { res, stored: async () => valueAt(ok(await call(editor, `query($id: ID!) { economyDocument(id: $id) { title { en zh } language url } }`, { id })).economyDocument, path) };
    },
  })),
  ...['narrative.en', 'narrative.zh', 'provenance.licence', 'countryCode'].map((path) => ({
    label: `saveEconomyProgressDraft input.${path}`,
    field: `input.${path}`,
    run: async (evil: string, n: number) => {
      const input = withValue(progressDraftInput(21 + (n % 48), 'LA', 2018 + Math.floor(n / 48)), path, evil);
      const res = await call(editor, `mutation($input: ProgressDraftInput!) { saveEconomyProgressDraft(input: $input) { id } }`, { input });
      const id = res.data?.saveEconomyProgressDraft?.id;
      return { res, stored: async () => valueAt(ok(await call(editor, `query($id: ID!) { economyProgressDraft(id: $id) { narrative { en zh } countryCode provenance { licence } } }`, { id })).economyProgressDraft, path) };
    },
  })),
  ...['stationId', 'provenance.licence'].map((path) => ({
    label: `recordWaterObservations observations[0].${path}`,
    field: `observations[0].${path}`,
    run: async (evil: string, n: number) => {
      const o = { stationId: 'ws-inj', property: 'PH', time: new Date(Date.UTC(2021, 0, 1, n)).toISOString(), value: 7, quality: 'GOOD', provenance: testProvenance };
      const res = await call(editor, `mutation($o: [WaterObservationInput!]!) { recordWaterObservations(observations: $o) { ids } }`, { o: [withValue(o, path, evil)] });
      const id = res.data?.recordWaterObservations?.ids[0];
      return { res, stored: async () => valueAt(ok(await call(editor, `query($id: ID!) { economyHistory(kind: WATER_OBSERVATION, id: $id) { after } }`, { id })).economyHistory.at(-1).after, path) };
    },
  })),
  {
    label: 'returnEconomyProgressDraft reason',
    field: 'reason',
    run: async (evil: string, n: number) => {
      const { saveEconomyProgressDraft: d } = ok(await call(editor, `mutation($input: ProgressDraftInput!) { saveEconomyProgressDraft(input: $input) { id } }`, { input: progressDraftInput(21 + (n % 48), 'KH', 2018 + Math.floor(n / 48)) }));
      ok(await call(editor, `mutation($id: ID!) { submitEconomyProgressDraft(id: $id) { id } }`, { id: d.id }));
      const res = await call(secretariatAdmin, `mutation($id: ID!, $r: String!) { returnEconomyProgressDraft(id: $id, reason: $r) { id } }`, { id: d.id, r: evil });
      return { res, stored: async () => ok(await call(editor, `query($id: ID!) { economyProgressDraft(id: $id) { returnReason } }`, { id: d.id })).economyProgressDraft.returnReason };
    },
  },
  {
    label: 'updateProject id',
    field: 'id',
    run: async (evil: string) => ({ res: await call(editor, `mutation($id: ID!, $input: ProjectInput!) { updateProject(id: $id, input: $input) { id } }`, { id: evil, input: projectInput() }) }),
  },
];

describe('operator injection in text inputs', () => {
  it.each(cases)('$label: stored literally or rejected on the field', async (c) => {
    let n = cases.indexOf(c) * evils.length;
    for (const evil of evils) {
      const { res, stored } = await c.run(evil, n++);
      if (res.errors?.length) {
        expect(res.errors[0].extensions?.code, JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
        expect(res.errors[0].extensions?.field).toBe(c.field);
      } else {
        expect(stored, `${c.label} accepted ${evil} but has no read-back`).toBeDefined();
        expect(await stored!()).toBe(evil);
      }
    }
  });
});
