// Project writes through the real gateway: create, update, flow changes and
// archive, each followed by a check of aggregates, leaderboards and action
// counts against brute force over the stored projects; history and asOf;
// validation errors that write nothing; operator injection stored literally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectRecord } from '../../subgraphs/economy/project-model.js';
import { bruteAggregates, bruteTop, expectSameRows } from '../economy/brute-force.js';
import { openEconomyModels } from '../economy/economy-store.js';
import { editorOf, secretariatAdmin, anonymous, thinkTankReader } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { PROJECT_FIELDS, callerOf, failed, ok, projectInput } from './writes-client.js';

let platform: PlatformFixture;
let store: Awaited<ReturnType<typeof openEconomyModels>>;
beforeAll(async () => {
  platform = await startTestPlatform({ syntheticScale: 1 });
  store = await openEconomyModels(platform.storeUris.economy);
});
afterAll(async () => {
  await store?.close();
  await platform?.dispose();
});

const call = callerOf(() => platform.gatewayUrl);
const editor = editorOf('economy');

const activeProjects = async () =>
  ((await store.models.projects.find().sort({ _id: 1 }).lean()) as unknown as ProjectRecord[]).filter((p) => !p.archived);

const groupings = [[], ['COUNTRY'], ['SECTOR', 'STATUS'], ['COUNTRY', 'YEAR'], ['COUNTRY', 'SECTOR', 'STATUS', 'YEAR']] as const;

/** Every aggregate the API serves from rollups equals brute force over the stored, non-archived projects. */
async function expectConsistent() {
  const projects = await activeProjects();
  for (const g of groupings) {
    const data = ok(
      await call(anonymous, `query($g: [ProjectDimension!]!) { projectAggregates(groupBy: $g) { countryCode sectorCode status year projectCount committedUsd disbursedUsd expendedUsd } }`, { g }),
    );
    expectSameRows(data.projectAggregates, bruteAggregates(projects, [...g]), expect);
  }
  const tops = ok(
    await call(anonymous, `{ all: topProjects(first: 20) { id } th: topProjects(first: 20, filter: { countryCode: "TH" }) { id }
      s: topProjects(first: 20, filter: { sectorCode: "4.2.5" }) { id } list: projects(first: 0) { totalCount }
      a47: planAction(number: 47) { ... on EconomicAction { projectCount } } }`),
  );
  expect(tops.all.map((p: any) => p.id)).toEqual(bruteTop(projects, 20));
  expect(tops.th.map((p: any) => p.id)).toEqual(bruteTop(projects.filter((p) => p.countryCodes.includes('TH')), 20));
  expect(tops.s.map((p: any) => p.id)).toEqual(bruteTop(projects.filter((p) => p.sectorCode === '4.2.5'), 20));
  expect(tops.list.totalCount).toBe(projects.length);
  expect(tops.a47.projectCount).toBe(projects.filter((p) => p.actionNumbers.includes(47)).length);
}

const historyOf = async (id: string) =>
  ok(await call(editor, `query($id: ID!) { economyHistory(kind: PROJECT, id: $id) { seq at action changedFields by { id role } before after } }`, { id }))
    .economyHistory as any[];

const CREATE = `mutation($id: ID, $input: ProjectInput!) { createProject(id: $id, input: $input) { ${PROJECT_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: ProjectInput!) { updateProject(id: $id, input: $input) { ${PROJECT_FIELDS} } }`;
const ARCHIVE = `mutation($id: ID!) { archiveProject(id: $id) { ${PROJECT_FIELDS} } }`;

describe('project create, update, archive', () => {
  const id = 'test-proj-1';
  const times: string[] = [];

  it('creates a project (revision 1) and every aggregate follows', async () => {
    await expectConsistent();
    const created = ok(await call(editor, CREATE, { id, input: projectInput() })).createProject;
    expect(created).toMatchObject({ id, revision: 1, archived: false, startYear: 2019, status: 'IMPLEMENTATION', sectorCode: '4.2.5' });
    expect(created.totals).toEqual({ committedUsd: 2.5e9, disbursedUsd: 1e8, expendedUsd: 0 });
    expect(created.actions.map((a: any) => a.number)).toEqual([47]);
    await expectConsistent();
    // 2.5e9 committed puts it on top of every board it belongs to.
    expect(ok(await call(anonymous, `{ topProjects(first: 1) { id } }`)).topProjects[0].id).toBe(id);
    const history = await historyOf(id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ seq: 1, action: 'CREATE', before: null, by: { id: editor.id, role: 'MINISTRY_EDITOR' } });
    expect(history[0].after).toMatchObject({ _id: id, revision: 1, sectorCode: '4.2.5', countryCodes: ['TH', 'LA'] });
    times.push(history[0].at);
  });

  it('repeating the same create writes nothing; reusing the id for other content is refused', async () => {
    const again = ok(await call(editor, CREATE, { id, input: projectInput() })).createProject;
    expect(again.revision).toBe(1);
    expect(await historyOf(id)).toHaveLength(1);
    failed(await call(editor, CREATE, { id, input: projectInput({ status: 'PIPELINE' }) }), 'BAD_USER_INPUT', 'id');
    expect(await historyOf(id)).toHaveLength(1);
  });

  it('updates countries, sector, status, actions and flows (revision 2); aggregates follow', async () => {
    const input = projectInput({
      title: { en: 'Synthetic test project (renamed)', zh: '合成数据 测试项目 二' },
      status: 'COMPLETED',
      sectorCode: '4.2.3',
      participatingCountries: [
        { countryCode: 'VN', percentage: 25 },
        { countryCode: 'LA', percentage: 75 },
      ],
      actionNumbers: [30, 31],
      flows: [{ type: 'COMMITMENT', valueDate: '2021-01-01T00:00:00.000Z', currency: 'CNY', amount: 7e6, usdAmount: 1e6 }],
    });
    const updated = ok(await call(editor, UPDATE, { id, input })).updateProject;
    expect(updated).toMatchObject({ revision: 2, status: 'COMPLETED', sectorCode: '4.2.3', totals: { committedUsd: 1e6, disbursedUsd: 0, expendedUsd: 0 } });
    await expectConsistent();
    const history = await historyOf(id);
    expect(history.map((r) => r.action)).toEqual(['CREATE', 'UPDATE']);
    expect(history[1].changedFields).toEqual(
      expect.arrayContaining(['actionNumbers', 'countryCodes', 'flows', 'participatingCountries', 'sectorCode', 'status', 'title', 'totals']),
    );
    expect(history[1].changedFields).not.toContain('description');
    expect(history[1].before.title.en).toBe('Synthetic test project');
    expect(history[1].after.title.en).toBe('Synthetic test project (renamed)');
    times.push(history[1].at);
    // The same update again: no revision.
    expect(ok(await call(editor, UPDATE, { id, input })).updateProject.revision).toBe(2);
    // flows: null keeps the stored flows.
    const kept = ok(await call(editor, UPDATE, { id, input: { ...input, flows: null, status: 'SUSPENDED' } })).updateProject;
    expect(kept).toMatchObject({ revision: 3, status: 'SUSPENDED', totals: { committedUsd: 1e6 } });
    await expectConsistent();
  });

  it('adds, changes and deletes financial flows (value-date order, totals and rollups kept)', async () => {
    const flowFields = `revision totals { committedUsd disbursedUsd expendedUsd } flows { type valueDate currency amount usdAmount }`;
    const add = (input: object) => call(editor, `mutation($id: ID!, $input: FinancialFlowInput!) { createFinancialFlow(projectId: $id, input: $input) { ${flowFields} } }`, { id, input });
    const first = ok(await add({ type: 'EXPENDITURE', valueDate: '2020-06-01T00:00:00.000Z', currency: 'USD', amount: 3e5, usdAmount: 3e5 })).createFinancialFlow;
    expect(first.flows.map((f: any) => f.valueDate)).toEqual(['2020-06-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z']);
    expect(first.totals).toEqual({ committedUsd: 1e6, disbursedUsd: 0, expendedUsd: 3e5 });
    // The same flow again is the same request repeated.
    expect(ok(await add({ type: 'EXPENDITURE', valueDate: '2020-06-01T00:00:00.000Z', currency: 'USD', amount: 3e5, usdAmount: 3e5 })).createFinancialFlow.revision).toBe(first.revision);
    const changed = ok(
      await call(editor, `mutation($id: ID!, $input: FinancialFlowInput!) { updateFinancialFlow(projectId: $id, index: 1, input: $input) { ${flowFields} } }`, {
        id,
        input: { type: 'COMMITMENT', valueDate: '2018-01-01T00:00:00.000Z', currency: 'USD', amount: 4e9, usdAmount: 4e9 },
      }),
    ).updateFinancialFlow;
    expect(changed.flows.map((f: any) => f.valueDate)).toEqual(['2018-01-01T00:00:00.000Z', '2020-06-01T00:00:00.000Z']);
    expect(changed.totals).toEqual({ committedUsd: 4e9, disbursedUsd: 0, expendedUsd: 3e5 });
    await expectConsistent();
    failed(await call(editor, `mutation($id: ID!) { deleteFinancialFlow(projectId: $id, index: 2) { revision } }`, { id }), 'BAD_USER_INPUT', 'index');
    const removed = ok(await call(editor, `mutation($id: ID!) { deleteFinancialFlow(projectId: $id, index: 0) { ${flowFields} } }`, { id })).deleteFinancialFlow;
    expect(removed.totals).toEqual({ committedUsd: 0, disbursedUsd: 0, expendedUsd: 3e5 });
    await expectConsistent();
  });

  it('archives: the project leaves lists, aggregates and leaderboards; its history stays', async () => {
    const before = (await historyOf(id)).length;
    const archived = ok(await call(editor, ARCHIVE, { id })).archiveProject;
    expect(archived).toMatchObject({ archived: true, revision: before + 1 });
    await expectConsistent();
    const listed = ok(await call(anonymous, `{ projects(first: 100, filter: { countryCode: "VN" }) { edges { node { id } } } }`));
    expect(listed.projects.edges.map((e: any) => e.node.id)).not.toContain(id);
    expect(ok(await call(anonymous, `query($id: ID!) { project(id: $id) { id } }`, { id })).project).toBeNull();
    expect(ok(await call(editor, `query($id: ID!) { project(id: $id) { id archived } }`, { id })).project).toEqual({ id, archived: true });
    // Archiving again changes nothing; editing an archived project is refused.
    expect(ok(await call(editor, ARCHIVE, { id })).archiveProject.revision).toBe(before + 1);
    failed(await call(editor, UPDATE, { id, input: projectInput() }), 'BAD_USER_INPUT', 'id');
    const history = await historyOf(id);
    expect(history.map((r) => r.seq)).toEqual(history.map((_, i) => i + 1));
    expect(history.at(-1)).toMatchObject({ action: 'ARCHIVE', changedFields: ['archived'] });
  });

  it('archives a seeded project at the top of the boards; the boards refill from the store', async () => {
    const top = (await activeProjects()).sort((a, b) => b.totals.committedUsd - a.totals.committedUsd)[0];
    ok(await call(secretariatAdmin, ARCHIVE, { id: top._id }));
    await expectConsistent();
    const history = await historyOf(top._id);
    expect(history).toHaveLength(1);
    // A record seeded before auditing: its first revision's before is the seeded version.
    expect(history[0].before).toMatchObject({ _id: top._id, revision: 0, archived: false });
  });

  it('asOf returns the version current at that instant', async () => {
    const asOf = async (at: string) =>
      ok(await call(editor, `query($id: ID!, $at: DateTime) { project(id: $id, asOf: $at) { title { en } status revision archived } }`, { id, at })).project;
    expect(await asOf(new Date(Date.parse(times[0]) - 1).toISOString())).toBeNull();
    expect(await asOf(times[0])).toEqual({ title: { en: 'Synthetic test project' }, status: 'IMPLEMENTATION', revision: 1, archived: false });
    expect(await asOf(times[1])).toMatchObject({ title: { en: 'Synthetic test project (renamed)' }, status: 'COMPLETED', revision: 2 });
    expect(await asOf(new Date().toISOString())).toMatchObject({ archived: true });
    // Anonymous readers do not see an archived version either.
    expect(ok(await call(anonymous, `query($id: ID!, $at: DateTime) { project(id: $id, asOf: $at) { revision } }`, { id, at: times[1] })).project).toEqual({ revision: 2 });
    failed(await call(anonymous, `query($id: ID!) { economyHistory(kind: PROJECT, id: $id) { seq } }`, { id }), 'UNAUTHENTICATED');
    expect(ok(await call(thinkTankReader, `query($id: ID!) { project(id: $id, asOf: "${times[0]}") { history { seq action } } }`, { id })).project.history[0]).toEqual({ seq: 1, action: 'CREATE' });
  });
});

describe('validation', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['unknown sector', { sectorCode: '4.1.2' }, 'input.sectorCode'],
    ['non-member country', { participatingCountries: [{ countryCode: 'TH', percentage: 50 }, { countryCode: 'US', percentage: 50 }] }, 'input.participatingCountries[1].countryCode'],
    ['shares not summing to 100', { participatingCountries: [{ countryCode: 'TH', percentage: 50 }, { countryCode: 'LA', percentage: 40 }] }, 'input.participatingCountries'],
    ['duplicate country', { participatingCountries: [{ countryCode: 'TH', percentage: 50 }, { countryCode: 'TH', percentage: 50 }] }, 'input.participatingCountries[1]'],
    ['zero share', { participatingCountries: [{ countryCode: 'TH', percentage: 100 }, { countryCode: 'LA', percentage: 0 }] }, 'input.participatingCountries[1].percentage'],
    ['no country', { participatingCountries: [] }, 'input.participatingCountries'],
    ['action of another pillar', { actionNumbers: [47, 12] }, 'input.actionNumbers[1]'],
    ['unknown organisation', { implementingOrganisationIds: ['org-nope'] }, 'input.implementingOrganisationIds[0]'],
    ['end before start', { plannedEnd: '2018-01-01T00:00:00.000Z' }, 'input.plannedEnd'],
    ['bad currency', { flows: [{ type: 'COMMITMENT', valueDate: '2020-01-01T00:00:00.000Z', currency: 'usd', amount: 1, usdAmount: 1 }] }, 'input.flows[0].currency'],
    ['negative amount', { flows: [{ type: 'COMMITMENT', valueDate: '2020-01-01T00:00:00.000Z', currency: 'THB', amount: -1, usdAmount: 1 }] }, 'input.flows[0].amount'],
    ['USD amounts differ', { flows: [{ type: 'COMMITMENT', valueDate: '2020-01-01T00:00:00.000Z', currency: 'USD', amount: 2, usdAmount: 1 }] }, 'input.flows[0].usdAmount'],
    ['latitude out of range', { locations: [{ name: 'x', lat: 95, lon: 100 }] }, 'input.locations[0].lat'],
    ['empty title', { title: { en: ' ', zh: '合成' } }, 'input.title.en'],
    ['overlong title', { title: { en: 'x'.repeat(501), zh: '合成' } }, 'input.title.en'],
    ['synthetic with another source', { provenance: { source: 'ministry', licence: 'x', recordedAt: '2026-01-01T00:00:00.000Z', synthetic: true } }, 'input.provenance.source'],
  ];

  it.each(cases)('%s: BAD_USER_INPUT at the field, nothing written', async (_, overrides, field) => {
    const counts = async () => [await store.models.projects.countDocuments(), await store.models.revisions.countDocuments()];
    const before = await counts();
    const err = failed(await call(editor, CREATE, { id: 'test-proj-invalid', input: projectInput(overrides) }), 'BAD_USER_INPUT', field);
    expect(err.message).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('a bad id and an update of a missing project name the argument', async () => {
    failed(await call(editor, CREATE, { id: 'no spaces allowed', input: projectInput() }), 'BAD_USER_INPUT', 'id');
    failed(await call(editor, UPDATE, { id: 'proj-missing', input: projectInput() }), 'BAD_USER_INPUT', 'id');
  });
});

describe('operator injection', () => {
  it('stores operator-looking text literally and never interprets it', async () => {
    const evil = '{"$gt": ""}';
    const input = projectInput({
      title: { en: evil, zh: '$where' },
      description: { en: '{"$where": "sleep(1000) || true"}', zh: '{"$ne": null}' },
      locations: [{ name: '$where', lat: 1, lon: 1 }],
    });
    const created = ok(await call(editor, CREATE, { id: 'test-proj-injection', input })).createProject;
    expect(created.title).toEqual({ en: evil, zh: '$where' });
    const stored = (await store.models.projects.findOne({ _id: 'test-proj-injection' }).lean()) as unknown as ProjectRecord;
    expect(stored.title).toEqual({ en: evil, zh: '$where' });
    expect(stored.description.en).toBe('{"$where": "sleep(1000) || true"}');
    // Operator-looking strings in filters and ids match nothing.
    const none = ok(await call(anonymous, `{ projects(filter: { sectorCode: "{\\"$gt\\": \\"\\"}" }) { totalCount } p: project(id: "{\\"$ne\\": null}") { id } }`));
    expect(none).toEqual({ projects: { totalCount: 0 }, p: null });
    failed(await call(editor, UPDATE, { id: '{"$ne": null}', input: projectInput() }), 'BAD_USER_INPUT', 'id');
    // An object where text is expected is refused by the schema; nothing is written.
    const count = await store.models.projects.countDocuments();
    const res = await call(editor, CREATE, { id: 'test-proj-object', input: projectInput({ title: { en: { $gt: '' }, zh: 'x' } }) });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await store.models.projects.countDocuments()).toBe(count);
    // An organisation id that is an operator is a plain id that does not exist.
    failed(await call(editor, CREATE, { id: 'test-proj-op-org', input: projectInput({ implementingOrganisationIds: ['{"$gt": ""}'] }) }), 'BAD_USER_INPUT', 'input.implementingOrganisationIds[0]');
  });
});
