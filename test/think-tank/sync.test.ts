// A mirror kept in sync through the change feeds: pull the lists once, apply
// inserts, updates and archives through mutations, pull only the changes, and
// compare the mirror with a fresh pull of the lists.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, subgraphs } from '../../subgraphs/registry.js';
import { editorOf, thinkTankReader } from '../support/identities.js';
import { platformForFile } from '../support/platform-fixture.js';
import { meetingInput, mutations as psMutations } from '../writes/political-security-inputs.js';
import { callerOf, failed, ok, organisationInput, projectInput } from '../writes/writes-client.js';

const platform = platformForFile();

const call = callerOf(() => platform.gatewayUrl);
const economyEditor = editorOf('economy');
const psEditor = editorOf('political-security');

const PROJECT = `id title { en zh } status sectorCode participatingCountries { countryCode percentage } revision provenance { source synthetic } citation`;
const MEETING = `id type title { en zh } date hostCountries { code } revision citation`;

type Node = { id: string } & Record<string, unknown>;

/** Every page of a connection, as a map by id. */
async function pullAll(field: 'projects' | 'meetings', selection: string): Promise<Map<string, Node>> {
  const out = new Map<string, Node>();
  let after: string | null = null;
  for (;;) {
    const data: any = ok(
      await call(thinkTankReader, `query($after: String) { ${field}(first: 100, after: $after) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`, { after }),
    );
    for (const e of data[field].edges) out.set(e.node.id, e.node);
    if (!data[field].pageInfo.hasNextPage) return out;
    after = data[field].pageInfo.endCursor;
  }
}

/** Applies the feed's changes since `since` to the mirror; returns the latest updatedAt seen. */
async function sync(mirror: Map<string, Node>, feed: string, collection: string, byId: string, selection: string, since: string): Promise<string> {
  const changes: any[] = ok(await call(thinkTankReader, `query($since: DateTime!) { ${feed}(since: $since) { collection id updatedAt state } }`, { since }))[feed];
  let latest = since;
  for (const c of changes.filter((x) => x.collection === collection)) {
    if (c.state === 'ACTIVE') {
      const node = ok(await call(thinkTankReader, `query($id: ID!) { ${byId}(id: $id) { ${selection} } }`, { id: c.id }))[byId];
      mirror.set(c.id, node);
    } else mirror.delete(c.id);
    if (c.updatedAt > latest) latest = c.updatedAt;
  }
  return latest;
}

const createProject = async (id: string, title: string) =>
  ok(await call(economyEditor, `mutation($id: ID, $input: ProjectInput!) { createProject(id: $id, input: $input) { id } }`, {
    id,
    input: projectInput({ title: { en: title, zh: `合成数据 ${title}` } }),
  }));

let t0 = '';

describe('incremental sync', () => {
  it('keeps a mirror of projects and meetings equal to the source', async () => {
    await createProject('proj-sync-a', 'Synthetic sync project A');
    await createProject('proj-sync-b', 'Synthetic sync project B');
    const m1 = ok(await call(psEditor, psMutations.createMeeting, { input: meetingInput() })).createMeeting.id;

    t0 = new Date().toISOString();
    const projects = await pullAll('projects', PROJECT);
    const meetings = await pullAll('meetings', MEETING);
    expect([...projects.keys()].sort()).toEqual(['proj-sync-a', 'proj-sync-b']);
    expect(meetings.has(m1)).toBe(true);

    // Inserts, updates and archives after the mirror's pull.
    await createProject('proj-sync-c', 'Synthetic sync project C');
    ok(await call(economyEditor, `mutation($id: ID!, $input: ProjectInput!) { updateProject(id: $id, input: $input) { id } }`, {
      id: 'proj-sync-a',
      input: projectInput({ title: { en: 'Synthetic sync project A, renamed', zh: '合成数据 改名' }, status: 'COMPLETED' }),
    }));
    ok(await call(economyEditor, `mutation($id: ID!) { archiveProject(id: $id) { id } }`, { id: 'proj-sync-b' }));
    const m2 = ok(await call(psEditor, psMutations.createMeeting, { input: meetingInput({ title: { en: 'Synthetic second meeting', zh: '合成数据 第二次会议' } }) }))
      .createMeeting.id;
    ok(await call(psEditor, psMutations.archiveMeeting, { id: m1 }));

    const before = structuredClone([...projects.values()]);
    await sync(projects, 'economyChanges', 'projects', 'project', PROJECT, t0);
    await sync(meetings, 'politicalSecurityChanges', 'meetings', 'meeting', MEETING, t0);
    expect(projects).not.toEqual(new Map(before.map((p) => [p.id, p])));

    expect(projects).toEqual(await pullAll('projects', PROJECT));
    expect(meetings).toEqual(await pullAll('meetings', MEETING));
    expect(meetings.has(m2) && !meetings.has(m1)).toBe(true);
    expect([...projects.keys()].sort()).toEqual(['proj-sync-a', 'proj-sync-c']);
  });

  it('lists one change per record, with tombstones, from `since` on', async () => {
    const all: any[] = ok(await call(thinkTankReader, `{ economyChanges(since: "2000-01-01T00:00:00.000Z") { collection id updatedAt state } }`)).economyChanges;
    expect(all.map((c) => [c.id, c.state]).sort()).toEqual([
      ['proj-sync-a', 'ACTIVE'],
      ['proj-sync-b', 'ARCHIVED'],
      ['proj-sync-c', 'ACTIVE'],
    ]);
    const times = all.map((c) => c.updatedAt);
    expect([...times].sort()).toEqual(times);
    const last = times[times.length - 1];
    const fromLast: any[] = ok(await call(thinkTankReader, `query($s: DateTime!) { economyChanges(since: $s) { id } }`, { s: last })).economyChanges;
    expect(fromLast.map((c) => c.id)).toEqual([all[all.length - 1].id]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(ok(await call(thinkTankReader, `query($s: DateTime!) { economyChanges(since: $s) { id } }`, { s: future })).economyChanges).toEqual([]);
    failed(await call(thinkTankReader, `{ economyChanges(since: "2000-01-01T00:00:00.000Z", first: 5000) { id } }`), 'BAD_USER_INPUT', 'first');
  });
});

describe('incremental export', () => {
  it('exports only the records written since a time, archived ones flagged', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lmc-sync-export-'));
    try {
      const env = { ...process.env, ...Object.fromEntries(subgraphs.map((s) => [s.mongoUriEnv, platform.storeUris[s.name]])) };
      const args = ['export', '--pillar', 'economy', '--kind', 'projects', '--format', 'ndjson', '--out', out, '--updated-since', t0];
      const { stdout } = await promisify(execFile)(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'platform-kit', 'export', 'export-cli.ts'), ...args], { env });
      const result = JSON.parse(stdout.trim().split('\n').pop()!);
      const records = readFileSync(result.file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(records.map((r) => [r._id, r.archived ?? false]).sort()).toEqual([
        ['proj-sync-a', false],
        ['proj-sync-b', true],
        ['proj-sync-c', false],
      ]);
      expect(records.find((r) => r._id === 'proj-sync-a').status).toBe('COMPLETED');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('sync through updatedSince on the lists', () => {
  /** Every page of a list with updatedSince, as a map by id. */
  async function pullSince(field: string, selection: string, since: string): Promise<Map<string, Node>> {
    const out = new Map<string, Node>();
    let after: string | null = null;
    for (;;) {
      const data: any = ok(
        await call(thinkTankReader, `query($after: String, $since: DateTime) { ${field}(updatedSince: $since, first: 100, after: $after) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`, { after, since }),
      );
      for (const e of data[field].edges) out.set(e.node.id, e.node);
      if (!data[field].pageInfo.hasNextPage) return out;
      after = data[field].pageInfo.endCursor;
    }
  }

  it('lists only records written since a time, each with its updatedAt', async () => {
    const since = new Date().toISOString();
    expect((await pullSince('projects', PROJECT, since)).size).toBe(0);
    await createProject('proj-since-a', 'Synthetic since project');
    const org = ok(await call(economyEditor, `mutation($input: OrganisationInput!) { createEconomyOrganisation(input: $input) { id updatedAt } }`, { input: organisationInput('TH') }))
      .createEconomyOrganisation;
    expect(new Date(org.updatedAt) >= new Date(since)).toBe(true);
    const recent = await pullSince('projects', `${PROJECT} updatedAt`, since);
    expect([...recent.keys()]).toEqual(['proj-since-a']);
    expect(new Date(recent.get('proj-since-a')!.updatedAt as string) >= new Date(since)).toBe(true);
    expect([...(await pullSince('economyOrganisations', 'id name { en }', since)).keys()]).toEqual([org.id]);
    // Records seeded long ago (the plan's real Leaders' Meeting, recorded 2018) are not "since" today, but are since 2018.
    expect((await pullSince('meetings', MEETING, since)).size).toBe(0);
    expect((await pullSince('meetings', MEETING, '2018-01-01T00:00:00.000Z')).size).toBe((await pullAll('meetings', MEETING)).size);
    failed(await call(thinkTankReader, `query($s: DateTime) { projects(updatedSince: $s) { totalCount } }`, { s: 'not a time' }), 'BAD_USER_INPUT', 's');
    // A literal reaches the subgraph, which owns the scalar: still BAD_USER_INPUT, not an unavailable subgraph.
    failed(await call(thinkTankReader, `{ projects(updatedSince: "not a time") { totalCount } }`), 'BAD_USER_INPUT');
  });

  it('keeps a mirror equal to the source: changed records from the lists, removals from the change feed', async () => {
    const mirror = await pullAll('projects', PROJECT);
    const since = new Date().toISOString();
    await createProject('proj-since-b', 'Synthetic since project B');
    ok(await call(economyEditor, `mutation($id: ID!, $input: ProjectInput!) { updateProject(id: $id, input: $input) { id } }`, {
      id: 'proj-since-a',
      input: projectInput({ title: { en: 'Synthetic since project, renamed', zh: '合成数据 改名' } }),
    }));
    ok(await call(economyEditor, `mutation($id: ID!) { archiveProject(id: $id) { id } }`, { id: 'proj-sync-c' }));
    for (const [id, node] of await pullSince('projects', PROJECT, since)) mirror.set(id, node);
    const removals: any[] = ok(await call(thinkTankReader, `query($since: DateTime!) { economyChanges(since: $since) { collection id state } }`, { since })).economyChanges;
    for (const c of removals) if (c.collection === 'projects' && c.state !== 'ACTIVE') mirror.delete(c.id);
    expect(mirror).toEqual(await pullAll('projects', PROJECT));
    expect(mirror.has('proj-since-b') && !mirror.has('proj-sync-c')).toBe(true);
    expect((mirror.get('proj-since-a')!.title as { en: string }).en).toBe('Synthetic since project, renamed');
  });
});
