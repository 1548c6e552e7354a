// Who may write what, through the real gateway: every write mutation of this
// suite's scope × every role × own/other pillar × own/other country. Refused
// calls carry UNAUTHENTICATED or FORBIDDEN, no data, and write nothing;
// allowed calls succeed on a record prepared for them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform-kit/access/principal.js';
import type { PillarSubgraphName } from '../../platform-kit/access/pillar-names.js';
import { actionsOwnedBy } from '../../plan-data/index.js';
import { syntheticProvenance } from '../../platform-kit/provenance.js';
import { revisionModel } from '../../platform-kit/audit/revision-model.js';
import { connectStore } from '../../platform-kit/mongo-store.js';
import { upsertWaterStations } from '../../subgraphs/economy/water-writes.js';
import { subgraphInfo } from '../../subgraphs/registry.js';
import { openEconomyModels } from '../economy/economy-store.js';
import { anonymous, editorOf, secretariatAdmin, thinkTankReader } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { callerOf, documentInput, failed, ok, organisationInput, progressDraftInput, projectInput, testProvenance } from './writes-client.js';

let platform: PlatformFixture;
beforeAll(async () => {
  platform = await startTestPlatform();
  const economy = await openEconomyModels(platform.storeUris.economy);
  await upsertWaterStations(
    economy.models,
    ['TH', 'VN'].map((c) => ({
      _id: `ws-test-${c}`,
      name: `Synthetic station ${c}`,
      river: 'Mekong',
      countryCode: c,
      lat: 15,
      lon: 105,
      properties: ['WATER_LEVEL'],
      floodStage: null,
      alarmStage: null,
      provenance: syntheticProvenance(),
    })),
  );
  await economy.close();
});
afterAll(async () => {
  await platform?.dispose();
});

const call = callerOf(() => platform.gatewayUrl);
const OWN = 'TH';
const OTHER = 'VN';

const pillars: Array<{ name: PillarSubgraphName; P: string }> = [
  { name: 'political-security', P: 'PoliticalSecurity' },
  { name: 'economy', P: 'Economy' },
  { name: 'social-cultural', P: 'SocialCultural' },
];

let serial = 0;
const fresh = (tag: string) => `${tag}-${++serial}`;

/** A mutation in the matrix: which pillar owns it, whether only admins may call it, and how to prepare a call on a record of a country. */
interface MutationCase {
  name: string;
  pillar: PillarSubgraphName;
  adminOnly?: boolean;
  /** false: the record has no country (documents): the country dimension does not apply. */
  countryBound: boolean;
  /** Prepares a record of `country` (as the admin) and returns the call's query and variables. */
  prepare(country: string): Promise<{ query: string; variables: Record<string, unknown> }>;
}

const admin = (query: string, variables: Record<string, unknown>) => call(secretariatAdmin, query, variables).then(ok);

function sharedCases(pillar: (typeof pillars)[number]): MutationCase[] {
  const { P, name } = pillar;
  const org = async (country: string) => {
    const id = fresh(`org-${name}`);
    await admin(`mutation($id: ID, $input: OrganisationInput!) { create${P}Organisation(id: $id, input: $input) { id } }`, { id, input: organisationInput(country) });
    return id;
  };
  const doc = async () => {
    const id = fresh(`doc-${name}`);
    await admin(`mutation($id: ID, $input: DocumentInput!) { create${P}Document(id: $id, input: $input) { id } }`, { id, input: documentInput() });
    return id;
  };
  // Each draft gets its own key: (action, year) pairs of this pillar and country are handed out in turn.
  const actions = actionsOwnedBy(name).map((a) => a.number);
  const keysUsed = new Map<string, number>();
  const draftInput = (country: string) => {
    const k = keysUsed.get(country) ?? 0;
    keysUsed.set(country, k + 1);
    return progressDraftInput(actions[k % actions.length], country, 2018 + Math.floor(k / actions.length));
  };
  const draft = async (country: string, steps: string[]) => {
    const input = draftInput(country);
    const { [`save${P}ProgressDraft`]: d } = await admin(`mutation($input: ProgressDraftInput!) { save${P}ProgressDraft(input: $input) { id } }`, { input });
    for (const s of steps) await admin(`mutation($id: ID!) { ${s}${P}ProgressDraft(id: $id) { id } }`, { id: d.id });
    return d.id as string;
  };
  const onDraft = (verb: string, steps: string[], extra = '') => async (country: string) => ({
    query: `mutation($id: ID!) { ${verb}${P}ProgressDraft(id: $id${extra}) { id state } }`,
    variables: { id: await draft(country, steps) },
  });
  return [
    {
      name: `create${P}Organisation`,
      pillar: name,
      countryBound: true,
      prepare: async (country) => ({
        query: `mutation($id: ID, $input: OrganisationInput!) { create${P}Organisation(id: $id, input: $input) { id } }`,
        variables: { id: fresh(`org-${name}`), input: organisationInput(country) },
      }),
    },
    {
      name: `update${P}Organisation`,
      pillar: name,
      countryBound: true,
      prepare: async (country) => ({
        query: `mutation($id: ID!, $input: OrganisationInput!) { update${P}Organisation(id: $id, input: $input) { id } }`,
        variables: { id: await org(country), input: organisationInput(country, 'Synthetic renamed organisation') },
      }),
    },
    {
      name: `archive${P}Organisation`,
      pillar: name,
      countryBound: true,
      prepare: async (country) => ({ query: `mutation($id: ID!) { archive${P}Organisation(id: $id) { id } }`, variables: { id: await org(country) } }),
    },
    {
      name: `create${P}Document`,
      pillar: name,
      countryBound: false,
      prepare: async () => ({
        query: `mutation($id: ID, $input: DocumentInput!) { create${P}Document(id: $id, input: $input) { id } }`,
        variables: { id: fresh(`doc-${name}`), input: documentInput() },
      }),
    },
    {
      name: `update${P}Document`,
      pillar: name,
      countryBound: false,
      prepare: async () => ({
        query: `mutation($id: ID!, $input: DocumentInput!) { update${P}Document(id: $id, input: $input) { id } }`,
        variables: { id: await doc(), input: documentInput('Synthetic renamed document') },
      }),
    },
    {
      name: `archive${P}Document`,
      pillar: name,
      countryBound: false,
      prepare: async () => ({ query: `mutation($id: ID!) { archive${P}Document(id: $id) { id } }`, variables: { id: await doc() } }),
    },
    {
      name: `save${P}ProgressDraft`,
      pillar: name,
      countryBound: true,
      prepare: async (country) => ({
        query: `mutation($input: ProgressDraftInput!) { save${P}ProgressDraft(input: $input) { id } }`,
        variables: { input: draftInput(country) },
      }),
    },
    { name: `submit${P}ProgressDraft`, pillar: name, countryBound: true, prepare: onDraft('submit', []) },
    { name: `approve${P}ProgressDraft`, pillar: name, adminOnly: true, countryBound: true, prepare: onDraft('approve', ['submit']) },
    { name: `return${P}ProgressDraft`, pillar: name, adminOnly: true, countryBound: true, prepare: onDraft('return', ['submit'], ', reason: "more evidence"') },
    { name: `publish${P}ProgressDraft`, pillar: name, adminOnly: true, countryBound: true, prepare: onDraft('publish', ['submit', 'approve']) },
  ];
}

function economyCases(): MutationCase[] {
  const shares = (country: string) => [
    { countryCode: country, percentage: 60 },
    { countryCode: 'LA', percentage: 40 },
  ];
  const project = async (country: string) => {
    const id = fresh('proj-authz');
    await admin(`mutation($id: ID, $input: ProjectInput!) { createProject(id: $id, input: $input) { id } }`, { id, input: projectInput({ participatingCountries: shares(country) }) });
    return id;
  };
  const flow = { type: 'EXPENDITURE', valueDate: '2021-01-01T00:00:00.000Z', currency: 'USD', amount: 5, usdAmount: 5 };
  let minute = 0;
  const observation = (country: string) => ({
    stationId: `ws-test-${country}`,
    property: 'WATER_LEVEL',
    time: new Date(Date.UTC(2021, 0, 1, 0, ++minute)).toISOString(),
    value: 3.5,
    quality: 'GOOD',
    provenance: testProvenance,
  });
  const recorded = async (country: string) => {
    const o = observation(country);
    const { recordWaterObservations: r } = await admin(`mutation($o: [WaterObservationInput!]!) { recordWaterObservations(observations: $o) { ids } }`, { o: [o] });
    return r.ids[0] as string;
  };
  const onProject = (query: string, extra: Record<string, unknown> = {}) => async (country: string) => ({ query, variables: { id: await project(country), ...extra } });
  return [
    {
      name: 'createProject',
      pillar: 'economy',
      countryBound: true,
      prepare: async (country) => ({
        query: `mutation($id: ID, $input: ProjectInput!) { createProject(id: $id, input: $input) { id } }`,
        variables: { id: fresh('proj-authz'), input: projectInput({ participatingCountries: shares(country) }) },
      }),
    },
    {
      name: 'updateProject',
      pillar: 'economy',
      countryBound: true,
      prepare: async (country) => ({
        query: `mutation($id: ID!, $input: ProjectInput!) { updateProject(id: $id, input: $input) { id } }`,
        variables: { id: await project(country), input: projectInput({ participatingCountries: shares(country), status: 'COMPLETED' }) },
      }),
    },
    { name: 'archiveProject', pillar: 'economy', countryBound: true, prepare: onProject(`mutation($id: ID!) { archiveProject(id: $id) { id } }`) },
    {
      name: 'createFinancialFlow',
      pillar: 'economy',
      countryBound: true,
      prepare: onProject(`mutation($id: ID!, $f: FinancialFlowInput!) { createFinancialFlow(projectId: $id, input: $f) { id } }`, { f: flow }),
    },
    {
      name: 'updateFinancialFlow',
      pillar: 'economy',
      countryBound: true,
      prepare: onProject(`mutation($id: ID!, $f: FinancialFlowInput!) { updateFinancialFlow(projectId: $id, index: 0, input: $f) { id } }`, { f: flow }),
    },
    { name: 'deleteFinancialFlow', pillar: 'economy', countryBound: true, prepare: onProject(`mutation($id: ID!) { deleteFinancialFlow(projectId: $id, index: 0) { id } }`) },
    {
      name: 'recordWaterObservations',
      pillar: 'economy',
      countryBound: true,
      prepare: async (country) => ({
        query: `mutation($o: [WaterObservationInput!]!) { recordWaterObservations(observations: $o) { written } }`,
        variables: { o: [observation(country)] },
      }),
    },
    {
      name: 'updateWaterObservation',
      pillar: 'economy',
      countryBound: true,
      prepare: async (country) => ({
        query: `mutation($id: ID!) { updateWaterObservation(id: $id, input: { value: 4.25, quality: SUSPECT }) { id value } }`,
        variables: { id: await recorded(country) },
      }),
    },
    {
      name: 'deleteWaterObservations',
      pillar: 'economy',
      countryBound: true,
      prepare: async (country) => ({ query: `mutation($ids: [ID!]!) { deleteWaterObservations(ids: $ids) { written } }`, variables: { ids: [await recorded(country)] } }),
    },
  ];
}

const mutations: MutationCase[] = [...pillars.flatMap(sharedCases), ...economyCases()];

const principals: Array<{ label: string; principal: Principal }> = [
  { label: 'anonymous', principal: anonymous },
  { label: 'think-tank reader', principal: thinkTankReader },
  { label: 'secretariat admin', principal: secretariatAdmin },
  ...pillars.flatMap((p) => [
    { label: `editor of ${p.name}`, principal: editorOf(p.name) },
    { label: `editor of ${p.name} (${OWN})`, principal: editorOf(p.name, OWN) },
  ]),
];

/** The documented rule: null = allowed, else the error code. */
function expected(principal: Principal, m: MutationCase, country: string): 'UNAUTHENTICATED' | 'FORBIDDEN' | null {
  if (principal.role === 'ANONYMOUS') return 'UNAUTHENTICATED';
  if (principal.role === 'SECRETARIAT_ADMIN') return null;
  if (principal.role !== 'MINISTRY_EDITOR' || principal.pillar !== m.pillar || m.adminOnly) return 'FORBIDDEN';
  if (principal.countryCode && m.countryBound && country !== principal.countryCode) return 'FORBIDDEN';
  return null;
}

const cells = mutations.flatMap((m) =>
  (m.countryBound ? [OWN, OTHER] : [OWN]).flatMap((country) => principals.map((p) => ({ m, country, ...p, expect: expected(p.principal, m, country) }))),
);

async function revisionCounts(): Promise<number[]> {
  const counts: number[] = [];
  for (const p of pillars) {
    const connection = await connectStore({ uri: platform.storeUris[p.name], dbName: subgraphInfo(p.name).defaultDatabase });
    counts.push(await revisionModel(connection).countDocuments());
    await connection.close();
  }
  return counts;
}

describe('authorization matrix', () => {
  it('covers every role × mutation × own/other pillar × own/other country', () => {
    expect(mutations).toHaveLength(42);
    const refused = cells.filter((c) => c.expect);
    expect(refused.length).toBeGreaterThan(cells.length / 2);
    expect(cells.filter((c) => !c.expect).length).toBeGreaterThan(100);
  });

  it('refuses with UNAUTHENTICATED or FORBIDDEN, no data, nothing written', async () => {
    // One prepared record per (mutation, country) serves every refused caller: a refusal must leave it untouched.
    const prepared = new Map<string, { query: string; variables: Record<string, unknown> }>();
    for (const m of mutations) for (const country of m.countryBound ? [OWN, OTHER] : [OWN]) prepared.set(`${m.name}|${country}`, await m.prepare(country));
    const before = await revisionCounts();
    const wrong: string[] = [];
    for (const c of cells.filter((x) => x.expect)) {
      const { query, variables } = prepared.get(`${c.m.name}|${c.country}`)!;
      const res = await call(c.principal, query, variables);
      const code = res.errors?.[0]?.extensions?.code;
      if (code !== c.expect || Object.values(res.data ?? {}).some((v) => v !== null)) wrong.push(`${c.label} ${c.m.name} ${c.country}: ${JSON.stringify(res)}`);
      if (code === c.expect) failed(res, c.expect!);
    }
    expect(wrong).toEqual([]);
    expect(await revisionCounts()).toEqual(before);
  }, 240_000);

  it('allows the pillar editors (own country when limited) and admins', async () => {
    const wrong: string[] = [];
    for (const c of cells.filter((x) => !x.expect)) {
      const { query, variables } = await c.m.prepare(c.country);
      const res = await call(c.principal, query, variables);
      if (res.errors?.length) wrong.push(`${c.label} ${c.m.name} ${c.country}: ${JSON.stringify(res.errors)}`);
    }
    expect(wrong).toEqual([]);
    // Every allowed cell is a real audited write through the gateway, one after another: minutes on a busy 2-core machine.
  }, 240_000);
});
