// The requests the scenarios send: a query touching all three pillars, the
// dashboard query, organisation writes as a ministry editor of each pillar,
// reading them back, and a fingerprint of every store's data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { pillarTypePrefix, repoRoot } from '../subgraphs/registry.js';
import { authHeaders, editorOf } from '../test/support/identities.js';
import { timedPost, type Timed } from './measure.js';
import type { PillarName, ResiliencePlatform } from './platform.js';

/** Countries (political-security) with each pillar's namespaced view: one fetch per subgraph. */
export const crossPillarQuery = `query CrossPillar($year: Int!) {
  countries { code name { en } politicalSecurity { meetingCount(year: $year) } economy { projectCount(year: $year) } socialCultural { eventCount(year: $year) } }
}`;
export const crossPillarVariables = { year: 2020 };
/** The pillar field of a country in crossPillarQuery. */
export const countryField: Record<PillarName, string> = { 'political-security': 'politicalSecurity', economy: 'economy', 'social-cultural': 'socialCultural' };

export const dashboardQuery = readFileSync(join(repoRoot, 'examples', 'dashboard.graphql'), 'utf8');
export const dashboardVariables = { year: 2020, from: '2020-01-01T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z' };

const fieldPrefix = (pillar: PillarName) => {
  const Pillar = pillarTypePrefix(pillar);
  return { Pillar, pillar: Pillar[0].toLowerCase() + Pillar.slice(1) };
};

export const organisationInput = (n: number) => ({
  name: { en: `Resilience test organisation ${n}`, zh: `韧性测试机构 ${n}` },
  type: 'MINISTRY',
  countryCode: 'TH',
  provenance: { source: 'synthetic', licence: 'CC0-1.0', recordedAt: '2026-01-01T00:00:00.000Z', synthetic: true },
});

const headerCache = new Map<PillarName, Promise<Record<string, string>>>();
/** Gateway headers of a ministry editor of the pillar (a JWT valid 10 minutes, renewed every 5). */
export function editorHeaders(pillar: PillarName): Promise<Record<string, string>> {
  let headers = headerCache.get(pillar);
  if (!headers) {
    headers = authHeaders(editorOf(pillar));
    headerCache.set(pillar, headers);
    setTimeout(() => headerCache.delete(pillar), 5 * 60_000).unref();
  }
  return headers;
}

/** createXOrganisation with a chosen id; acknowledged when it answers data without errors. */
export async function createOrganisation(gatewayUrl: string, pillar: PillarName, id: string, n: number): Promise<Timed & { acknowledged: boolean }> {
  const { Pillar } = fieldPrefix(pillar);
  const res = await timedPost(
    gatewayUrl,
    { query: `mutation($id: ID, $input: OrganisationInput!) { create${Pillar}Organisation(id: $id, input: $input) { id } }`, variables: { id, input: organisationInput(n) } },
    await editorHeaders(pillar),
  );
  const acknowledged = res.status === 200 && !res.body.errors?.length && (res.body.data as any)?.[`create${Pillar}Organisation`]?.id === id;
  return { ...res, acknowledged };
}

/** Ids (of `ids`) the pillar can read back through the gateway; throws if the read itself fails. */
export async function readBackOrganisations(gatewayUrl: string, pillar: PillarName, ids: string[]): Promise<Set<string>> {
  const { pillar: field } = fieldPrefix(pillar);
  const found = new Set<string>();
  // Aliases are capped by the gateway (LMC_MAX_ALIASES): ask in small batches.
  for (let i = 0; i < ids.length; i += 10) {
    const batch = ids.slice(i, i + 10);
    const query = `query(${batch.map((_, j) => `$i${j}: ID!`).join(', ')}) { ${batch.map((_, j) => `o${j}: ${field}Organisation(id: $i${j}) { id }`).join(' ')} }`;
    const res = await timedPost(gatewayUrl, { query, variables: Object.fromEntries(batch.map((id, j) => [`i${j}`, id])) }, await editorHeaders(pillar));
    if (res.status !== 200 || res.body.errors?.length) throw new Error(`read-back failed (${res.status}): ${res.text.slice(0, 300)}`);
    batch.forEach((id, j) => {
      if ((res.body.data as any)[`o${j}`]?.id === id) found.add(id);
    });
  }
  return found;
}

/** How many revisions each organisation's history holds (an audited write appends one per change). */
export async function organisationRevisions(gatewayUrl: string, pillar: PillarName, ids: string[]): Promise<Map<string, number>> {
  const { pillar: field, Pillar } = fieldPrefix(pillar);
  const counts = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 10) {
    const batch = ids.slice(i, i + 10);
    const query = `query(${batch.map((_, j) => `$i${j}: ID!`).join(', ')}) { ${batch.map((_, j) => `h${j}: ${field}History(kind: ORGANISATION, id: $i${j}) { seq }`).join(' ')} }`;
    const res = await timedPost(gatewayUrl, { query, variables: Object.fromEntries(batch.map((id, j) => [`i${j}`, id])) }, await editorHeaders(pillar));
    if (res.status !== 200 || res.body.errors?.length) throw new Error(`${Pillar} history read failed (${res.status}): ${res.text.slice(0, 300)}`);
    batch.forEach((id, j) => counts.set(id, ((res.body.data as any)[`h${j}`] as unknown[]).length));
  }
  return counts;
}

/** Document counts of every collection of every pillar store: equal fingerprints, no data change. */
export async function dataFingerprint(platform: ResiliencePlatform, pillars: PillarName[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const pillar of pillars) {
    const { uri, dbName } = platform.storeDatabase(pillar);
    const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
    try {
      await client.connect();
      const db = client.db(dbName);
      for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
        counts[`${pillar}.${name}`] = await db.collection(name).countDocuments();
      }
    } finally {
      await client.close();
    }
  }
  return counts;
}

/** Short description of what went wrong in a response, for failure lists. */
export const describe = (res: Timed) =>
  res.networkError
    ? `network error ${res.networkError}`
    : `HTTP ${res.status} ${JSON.stringify(res.body.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })) ?? res.text.slice(0, 200))}`;
