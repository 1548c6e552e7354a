// Search through the real gateway: the organisations and documents every
// pillar stores (indexed at seed, on every write and import, gone when
// archived), and SearchResults.hits, the pillars' lists merged into one
// ranked list (resolved by political-security from the other pillars' lists
// the gateway brings along).
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, prettyFormatQueryPlan } from '@apollo/query-planner';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../gateway/compose-supergraph.js';
import { freePort } from '../../platform-kit/free-port.js';
import { post, startExtraGateway } from '../gateway/gateway-process.js';
import { authHeaders, editorOf, thinkTankReader } from '../support/identities.js';
import { platformForFile } from '../support/platform-fixture.js';
import { callerOf, documentInput, ok, organisationInput, testProvenance } from '../writes/writes-client.js';

const platform = platformForFile();

const call = callerOf(() => platform.gatewayUrl);
const HIT = `type id pillar score title { en zh } highlights { field text } countryCodes`;
const SEARCH = `query($q: String!, $pillar: Pillar, $type: SearchRecordType, $first: Int, $hitsFirst: Int) {
  search(query: $q, pillar: $pillar, type: $type, first: $first) {
    politicalSecurity { ${HIT} } economy { ${HIT} } socialCultural { ${HIT} } hits(first: $hitsFirst) { ${HIT} } } }`;

interface Hit {
  type: string;
  id: string;
  pillar: string | null;
  score: number;
  title: { en: string; zh: string };
  highlights: Array<{ field: string; text: string }>;
  countryCodes: string[];
}
interface Results {
  politicalSecurity: Hit[];
  economy: Hit[];
  socialCultural: Hit[];
  hits: Hit[];
}

const search = async (q: string, args: Record<string, unknown> = {}): Promise<Results> => ok(await call(thinkTankReader, SEARCH, { q, first: 100, ...args })).search;
const keyOf = (h: Hit) => [h.type, h.id, h.pillar];
const ofType = (hits: Hit[], type: string) => hits.filter((h) => h.type === type).map(keyOf);

// Mutation prefix of each pillar → its subgraph (whose editor writes it).
const P = { ps: 'PoliticalSecurity', economy: 'Economy', sc: 'SocialCultural' } as const;
const subgraphOf = { PoliticalSecurity: 'political-security', Economy: 'economy', SocialCultural: 'social-cultural' } as const;
type Prefix = keyof typeof subgraphOf;
const create = (pillar: Prefix, kind: 'Organisation' | 'Document', id: string, input: object) =>
  call(editorOf(subgraphOf[pillar]), `mutation($id: ID, $input: ${kind}Input!) { create${pillar}${kind}(id: $id, input: $input) { id } }`, { id, input });
const archive = (pillar: Prefix, kind: 'Organisation' | 'Document', id: string) =>
  call(editorOf(subgraphOf[pillar]), `mutation($id: ID!) { archive${pillar}${kind}(id: $id) { id archived } }`, { id });

describe('organisations and documents in the search', () => {
  it('finds the plan document the seed stores (index rebuilt at seed), in English and Chinese', async () => {
    for (const q of ['Plan of Action', '五年行动计划']) {
      const r = await search(q, { type: 'DOCUMENT' });
      expect(ofType(r.politicalSecurity, 'DOCUMENT'), q).toEqual([['DOCUMENT', 'doc-plan-of-action-2018-2022', 'POLITICAL_SECURITY']]);
      expect(r.hits.map(keyOf), q).toEqual([['DOCUMENT', 'doc-plan-of-action-2018-2022', 'POLITICAL_SECURITY']]);
    }
  });

  it('indexes an organisation and a document created through mutations, and drops them when archived', async () => {
    const orgId = 'org-search-basalt-1';
    const docId = 'doc-search-lantern-1';
    ok(await create(P.economy, 'Organisation', orgId, { ...organisationInput('LA'), name: { en: 'Synthetic basalt observatory', zh: '合成数据 玄武岩观测站' }, type: 'THINK_TANK' }));
    ok(await create(P.sc, 'Document', docId, { ...documentInput(), title: { en: 'Synthetic lantern craft handbook', zh: '合成数据 灯笼工艺手册' } }));

    for (const q of ['basalt', 'Observatories', '玄武岩', '观测站']) {
      const r = await search(q);
      expect(r.economy.map((h) => [...keyOf(h), h.countryCodes]), q).toEqual([['ORGANISATION', orgId, 'ECONOMY', ['LA']]]);
      expect(r.hits.map(keyOf), q).toEqual([['ORGANISATION', orgId, 'ECONOMY']]);
      expect(r.politicalSecurity.concat(r.socialCultural), q).toEqual([]);
    }
    for (const q of ['lantern', 'Handbooks', '灯笼', '工艺手册']) {
      const r = await search(q);
      expect(r.socialCultural.map(keyOf), q).toEqual([['DOCUMENT', docId, 'SOCIAL_CULTURAL']]);
      expect(r.hits.map(keyOf), q).toEqual([['DOCUMENT', docId, 'SOCIAL_CULTURAL']]);
    }
    const zh = (await search('灯笼')).hits[0];
    expect(zh.highlights).toEqual([{ field: 'title.zh', text: '合成数据 <mark>灯笼</mark>工艺手册' }]);
    expect(zh.score).toBe(3); // one character pair, in the title
    expect((await search('工艺手册')).hits[0].score).toBe(9); // three pairs
    // The filters apply to organisations and documents as to every record.
    expect((await search('basalt', { type: 'DOCUMENT' })).hits).toEqual([]);
    expect((await search('basalt', { pillar: 'SOCIAL_CULTURAL' })).hits).toEqual([]);
    expect(ok(await call(thinkTankReader, `{ search(query: "basalt", country: "LA") { hits { id } } }`)).search.hits).toEqual([{ id: orgId }]);
    expect(ok(await call(thinkTankReader, `{ search(query: "basalt", country: "VN") { hits { id } } }`)).search.hits).toEqual([]);

    // An update re-indexes: the old words leave, the new ones come.
    ok(
      await call(editorOf('economy'), `mutation($id: ID!, $input: OrganisationInput!) { updateEconomyOrganisation(id: $id, input: $input) { id } }`, {
        id: orgId,
        input: { ...organisationInput('LA'), name: { en: 'Synthetic granite observatory', zh: '合成数据 花岗岩观测站' } },
      }),
    );
    expect((await search('basalt')).hits).toEqual([]);
    expect((await search('花岗岩')).hits.map(keyOf)).toEqual([['ORGANISATION', orgId, 'ECONOMY']]);

    expect(ok(await archive(P.economy, 'Organisation', orgId)).archiveEconomyOrganisation.archived).toBe(true);
    expect(ok(await archive(P.sc, 'Document', docId)).archiveSocialCulturalDocument.archived).toBe(true);
    for (const q of ['granite', '花岗岩', 'observatory', 'lantern', '灯笼']) {
      const r = await search(q);
      expect([...r.politicalSecurity, ...r.economy, ...r.socialCultural, ...r.hits], q).toEqual([]);
    }
    // History still records every write of the shared kinds.
    const history = ok(await call(thinkTankReader, `{ economyHistory(kind: ORGANISATION, id: "${orgId}") { action } }`)).economyHistory;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['CREATE', 'UPDATE', 'ARCHIVE']);
  });

  it('indexes organisations written by an import', async () => {
    const row = { id: 'org-search-import-1', name: { en: 'Synthetic imported quarry institute', zh: '合成数据 采石研究所' }, type: 'THINK_TANK', countryCode: 'KH', provenance: testProvenance };
    const summary = ok(
      await call(editorOf('political-security'), `mutation($c: String!) { importPoliticalSecurityRecords(kind: ORGANISATION, format: NDJSON, content: $c) { written rejected } }`, {
        c: JSON.stringify(row),
      }),
    ).importPoliticalSecurityRecords;
    expect(summary).toEqual({ written: 1, rejected: 0 });
    for (const q of ['quarry', '采石']) expect((await search(q)).politicalSecurity.map(keyOf), q).toEqual([['ORGANISATION', row.id, 'POLITICAL_SECURITY']]);
  });
});

describe('the merged list (SearchResults.hits)', () => {
  const codeUnitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  /** The order hits must come in: score, then type:id, then pillar (written out here, independently of the platform's code). */
  const expectedOrder = (a: Hit, b: Hit) => b.score - a.score || codeUnitOrder(`${a.type}:${a.id}`, `${b.type}:${b.id}`) || codeUnitOrder(a.pillar ?? '', b.pillar ?? '');
  const ranked = (r: Results) => [...r.politicalSecurity, ...r.economy, ...r.socialCultural].sort(expectedOrder);

  it('ranks every pillar\'s hits for "water resources" / 水资源 in one list by score', async () => {
    const water = { en: 'Synthetic water resources survey report', zh: '合成数据 水资源调查报告' };
    ok(await create(P.ps, 'Document', 'doc-search-water-ps', { ...documentInput(), title: water }));
    ok(await create(P.sc, 'Document', 'doc-search-water-sc', { ...documentInput(), title: water }));
    ok(await create(P.sc, 'Organisation', 'org-search-water-sc', { ...organisationInput('TH'), name: { en: 'Synthetic water resources youth network', zh: '合成数据 水资源青年网络' } }));

    for (const q of ['水资源', 'water resources']) {
      const r = await search(q);
      const lists = [...r.politicalSecurity, ...r.economy, ...r.socialCultural];
      // All pillars' hits (fewer than 100 in all), in ranking order.
      expect(lists.length, q).toBeLessThan(100);
      expect(r.hits, q).toEqual([...lists].sort(expectedOrder));
      expect(new Set(r.hits.map((h) => h.pillar)), q).toEqual(new Set(['POLITICAL_SECURITY', 'ECONOMY', 'SOCIAL_CULTURAL']));
      // Actions 42–48 from economy (the words in their section's title: 1 per token) …
      const actions = r.hits.filter((h) => h.type === 'PLAN_ACTION' && h.pillar === 'ECONOMY').map((h) => Number(h.id));
      for (let n = 42; n <= 48; n++) expect(actions, q).toContain(n);
      // … rank below the records with the words in their title (3 per token), whichever pillar stores them.
      const at = (type: string, id: string) => r.hits.findIndex((h) => h.type === type && h.id === id);
      const mine = [at('DOCUMENT', 'doc-search-water-ps'), at('DOCUMENT', 'doc-search-water-sc'), at('ORGANISATION', 'org-search-water-sc')];
      expect(mine.map((i) => r.hits[i]?.score), q).toEqual([6, 6, 6]);
      expect(mine.map((i) => r.hits[i].pillar), q).toEqual(['POLITICAL_SECURITY', 'SOCIAL_CULTURAL', 'SOCIAL_CULTURAL']);
      const a47 = r.hits[at('PLAN_ACTION', '47')];
      expect(a47.score, q).toBeLessThan(6);
      expect(Math.max(...mine), q).toBeLessThan(at('PLAN_ACTION', '47'));
      // A merged hit is the pillar's hit as it is (same score and highlights).
      expect(r.economy.find((h) => h.id === '47'), q).toEqual(a47);
    }
  });

  it('is the exact top of the whole search for a smaller page, and follows the search\'s filters', async () => {
    const full = await search('水资源');
    const all = ranked(full);
    expect(full.hits).toEqual(all);
    expect(all.length).toBeGreaterThan(10);
    const top5 = await search('水资源', { hitsFirst: 5 });
    expect(top5.hits).toEqual(all.slice(0, 5));
    // Each pillar's list is cut to the search's first; the merged one is still the top of the whole search.
    const small = await search('水资源', { first: 4 });
    expect(small.hits).toEqual(all.slice(0, 4));
    const sc = await search('水资源', { pillar: 'SOCIAL_CULTURAL' });
    expect(sc.hits.length).toBeGreaterThan(0);
    expect(sc.hits.every((h) => h.pillar === 'SOCIAL_CULTURAL')).toBe(true);
    expect(sc.hits).toEqual(all.filter((h) => h.pillar === 'SOCIAL_CULTURAL'));
    expect((await search('水资源', { type: 'DOCUMENT' })).hits.map(keyOf)).toEqual([
      ['DOCUMENT', 'doc-search-water-ps', 'POLITICAL_SECURITY'],
      ['DOCUMENT', 'doc-search-water-sc', 'SOCIAL_CULTURAL'],
    ]);
  });

  it('refuses a merged page larger than the search\'s first, or negative, with BAD_USER_INPUT', async () => {
    for (const q of ['{ search(query: "water", first: 5) { hits(first: 6) { id } } }', '{ search(query: "water") { hits(first: -1) { id } } }']) {
      const res = await call(thinkTankReader, q);
      expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field]), q).toEqual([['BAD_USER_INPUT', 'first']]);
      expect(res.data, q).toEqual({ search: { hits: null } });
    }
  });
});

describe('the merged list across subgraphs', () => {
  it('is planned as the search, the other pillars\' lists in parallel, then one merge in political-security', () => {
    const supergraph = Supergraph.build(composeSupergraph().supergraphSdl);
    const plan = prettyFormatQueryPlan(new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.schema, parse('{ search(query: "x") { hits { id score } } }'))));
    expect(plan.match(/Fetch\(service: "[\w-]+"\)/g)).toEqual([
      'Fetch(service: "political-security")',
      'Fetch(service: "social-cultural")',
      'Fetch(service: "economy")',
      'Fetch(service: "political-security")',
    ]);
    expect(plan).toMatch(/Parallel \{[\s\S]*socialCultural \{[\s\S]*economy \{[\s\S]*\},\n    \},\n    Flatten/);
  });

  it('is null with an error naming the subgraph when a pillar is down, the other lists still served', async () => {
    // A gateway of its own whose economy subgraph is an unused port.
    const gateway = await startExtraGateway(platform, { LMC_SUBGRAPH_RETRIES: '0' }, { economy: `http://127.0.0.1:${await freePort()}/` });
    try {
      const res = await post(gateway.url, { query: '{ search(query: "水资源") { socialCultural { id } hits { id } } }' }, await authHeaders(thinkTankReader));
      expect(res.body.data.search.socialCultural.map((h: { id: string }) => h.id)).toContain('doc-search-water-sc');
      expect(res.body.data.search.hits).toBeNull();
      expect(res.body.errors?.map((e) => e.extensions?.serviceName)).toEqual(['economy']);
    } finally {
      await gateway.dispose();
    }
  }, 120_000);
});
