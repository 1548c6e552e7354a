// Think-tank access through the real gateway: bilingual search (plan actions,
// and records re-indexed by every write), codelists, and citations.
import { describe, expect, it } from 'vitest';
import { anonymous, editorOf, thinkTankReader } from '../support/identities.js';
import { platformForFile } from '../support/platform-fixture.js';
import { callerOf, failed, ok, projectInput } from '../writes/writes-client.js';
import { eventInput, mutations as socialMutations } from '../writes/social-cultural-inputs.js';

const platform = platformForFile();

const call = callerOf(() => platform.gatewayUrl);
const HIT = `type id pillar score title { en zh } highlights { field text } countryCodes`;
const SEARCH = `query($q: String!, $pillar: Pillar, $country: ID, $type: SearchRecordType, $first: Int) {
  search(query: $q, pillar: $pillar, country: $country, type: $type, first: $first) {
    query politicalSecurity { ${HIT} } economy { ${HIT} } socialCultural { ${HIT} } } }`;

type Hit = { type: string; id: string; pillar: string | null; score: number; highlights: Array<{ field: string; text: string }>; countryCodes: string[] };
async function search(q: string, args: Record<string, unknown> = {}): Promise<{ politicalSecurity: Hit[]; economy: Hit[]; socialCultural: Hit[]; all: Hit[] }> {
  const r = ok(await call(thinkTankReader, SEARCH, { q, first: 100, ...args })).search;
  return { ...r, all: [...r.politicalSecurity, ...r.economy, ...r.socialCultural] as Hit[] };
}
const idsOf = (hits: Hit[], type: string) => hits.filter((h) => h.type === type).map((h) => h.id);

describe('search', () => {
  it('finds actions 42–48 (section 4.2.5, Water Resources) in Chinese and in English', async () => {
    for (const q of ['水资源', 'water resources', 'Water Resource']) {
      const r = await search(q);
      const actions = idsOf(r.all, 'PLAN_ACTION').map(Number);
      for (let n = 42; n <= 48; n++) expect(actions, q).toContain(n);
      expect(r.economy.every((h: Hit) => h.pillar === 'ECONOMY')).toBe(true);
    }
    const zh = await search('水资源');
    const a47 = zh.economy.find((h: Hit) => h.id === '47')!;
    expect(a47.highlights).toContainEqual({ field: 'body[1]', text: '<mark>水资源</mark>' });
  });

  it('ranks title matches above other text, and needs every word', async () => {
    // "flood" is in action 47's text (title); no action of 4.2.5 has "flood" in its section titles.
    const r = await search('flood drought');
    expect(idsOf(r.all, 'PLAN_ACTION')).toContain('47');
    expect(r.all.every((h) => h.highlights.some((x) => x.text.includes('<mark>')))).toBe(true);
    const scores = r.economy.map((h: Hit) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect((await search('water xylophonequartz')).all).toEqual([]);
  });

  it('indexes a project on create, re-indexes it on update, drops it on archive', async () => {
    const editor = editorOf('economy');
    const id = 'proj-think-tank-search-1';
    const input = projectInput({ title: { en: 'Synthetic hydropower dialogue centre', zh: '合成数据 水电对话中心' } });
    ok(await call(editor, `mutation($id: ID, $input: ProjectInput!) { createProject(id: $id, input: $input) { id } }`, { id, input }));
    for (const q of ['hydropower', '水电', '对话中心', 'Dialogue']) expect(idsOf((await search(q)).all, 'PROJECT'), q).toEqual([id]);
    // Filters: country (TH participates, VN does not), type, pillar.
    expect(idsOf((await search('hydropower', { country: 'TH' })).all, 'PROJECT')).toEqual([id]);
    expect((await search('hydropower', { country: 'VN' })).all).toEqual([]);
    expect((await search('hydropower', { type: 'EVENT' })).all).toEqual([]);
    expect((await search('hydropower', { pillar: 'SOCIAL_CULTURAL' })).all).toEqual([]);

    const renamed = projectInput({ title: { en: 'Synthetic irrigation canal survey', zh: '合成数据 灌溉渠调查' } });
    ok(await call(editor, `mutation($id: ID!, $input: ProjectInput!) { updateProject(id: $id, input: $input) { id } }`, { id, input: renamed }));
    for (const q of ['irrigation', '灌溉', 'canal survey']) expect(idsOf((await search(q)).all, 'PROJECT'), q).toEqual([id]);
    for (const q of ['hydropower', '水电', 'dialogue']) expect(idsOf((await search(q)).all, 'PROJECT'), q).toEqual([]);

    ok(await call(editor, `mutation($id: ID!) { archiveProject(id: $id) { id } }`, { id }));
    expect(idsOf((await search('irrigation')).all, 'PROJECT')).toEqual([]);
  });

  it('indexes events written in the social-cultural pillar', async () => {
    const id = 'ev-think-tank-search-1';
    ok(await call(editorOf('social-cultural'), socialMutations.createEvent, { id, input: eventInput({ title: { en: 'Synthetic water puppet festival', zh: '合成数据 水上木偶节' } }) }));
    const r = await search('puppet');
    expect(r.socialCultural.map((h: Hit) => [h.type, h.id, h.pillar, h.countryCodes])).toEqual([['EVENT', id, 'SOCIAL_CULTURAL', ['TH']]]);
    expect(idsOf((await search('木偶')).all, 'EVENT')).toEqual([id]);
  });

  it('refuses an empty query and an oversized page with BAD_USER_INPUT', async () => {
    failed(await call(anonymous, `{ search(query: "  ") { query } }`), 'BAD_USER_INPUT', 'query');
    failed(await call(anonymous, `{ search(query: "water", first: 1000) { query } }`), 'BAD_USER_INPUT', 'first');
  });
});

describe('codelists and citations', () => {
  it('serves bilingual, versioned code lists', async () => {
    const { codelists } = ok(await call(anonymous, `{ codelists { version lists { name version title { en zh } codes { code label { en zh } parent } } } }`));
    const names = codelists.lists.map((l: any) => l.name);
    for (const n of ['SECTOR', 'PROGRESS_STATUS', 'ROLE', 'RECORD_TYPE', 'PROJECT_STATUS']) expect(names).toContain(n);
    const sectors = codelists.lists.find((l: any) => l.name === 'SECTOR');
    expect(sectors.codes).toContainEqual({ code: '4.2.5', label: { en: 'Water Resources', zh: '水资源' }, parent: '4.2' });
    for (const l of codelists.lists) {
      expect(l.version).toMatch(/^[0-9a-f]{12}$/);
      for (const c of l.codes) expect(c.label.en && c.label.zh, `${l.name} ${c.code}`).toBeTruthy();
    }
    expect(ok(await call(anonymous, `{ codelists { list(name: "ROLE") { codes { code } } } }`)).codelists.list.codes.map((c: any) => c.code)).toContain(
      'THINK_TANK_READER',
    );
  });

  it('cites a record with its title, id, pillar, licence, retrieval date and synthetic flag', async () => {
    const id = 'proj-think-tank-cite-1';
    ok(await call(editorOf('economy'), `mutation($id: ID, $input: ProjectInput!) { createProject(id: $id, input: $input) { id } }`, { id, input: projectInput() }));
    const { project } = ok(await call(thinkTankReader, `query($id: ID!) { project(id: $id) { citation provenance { source licence recordedAt synthetic } } }`, { id }));
    expect(project.provenance).toMatchObject({ source: 'synthetic', synthetic: true });
    const today = new Date().toISOString().slice(0, 10);
    expect(project.citation).toBe(
      `Synthetic test project (合成数据 测试项目). LMC Data Platform, Economy and Sustainable Development, project ${id}. ` +
        `Source: synthetic; licence: CC0-1.0 (synthetic test data, not real facts); recorded 2026-01-01. Retrieved ${today}. Synthetic data (not real facts).`,
    );
    const { meetings } = ok(await call(anonymous, `{ meetings(first: 1) { edges { node { id citation } } } }`));
    expect(meetings.edges[0].node.citation).toContain("Second Lancang-Mekong Cooperation Leaders' Meeting (澜沧江-湄公河合作第二次领导人会议)");
    expect(meetings.edges[0].node.citation).not.toContain('Synthetic');
  });

  it('cites every published record kind: plan actions, organisations, documents, stations, observations, health and tourism reports', async () => {
    // Every type with provenance in the public schema has a citation (drafts are unpublished).
    const types: any[] = ok(await call(anonymous, `{ __schema { types { name fields { name } } } }`)).__schema.types;
    const withProvenance = types.filter((t) => t.fields?.some((f: { name: string }) => f.name === 'provenance') && t.name !== 'ProgressDraft');
    expect(withProvenance.length).toBeGreaterThan(10);
    for (const t of withProvenance) expect(t.fields.map((f: { name: string }) => f.name), t.name).toContain('citation');
    // And every record type (an object with an id or a code) has provenance, except views of other records
    // (search hits, changes, revisions, the caller), the plan's outline (its actions carry the plan's provenance)
    // and code-list entries (versioned in codelists).
    const notRecords = ['Viewer', 'SearchHit', 'RecordChange', 'RevisionAuthor', 'Revision', 'Chapter', 'Section', 'CodelistCode', 'ObservedProperty', 'ProjectSector'];
    const records = types.filter((t) => !t.name.startsWith('__') && t.fields?.some((f: { name: string }) => f.name === 'id' || f.name === 'code') && !notRecords.includes(t.name));
    for (const t of records) expect(t.fields.map((f: { name: string }) => f.name), t.name).toContain('provenance');

    const { country } = ok(await call(anonymous, `{ country(code: "LA") { citation provenance { source synthetic } } }`));
    expect(country.provenance).toEqual({ source: expect.stringContaining('ISO 3166-1'), synthetic: false });
    expect(country.citation).toMatch(/^Lao People's Democratic Republic \(老挝\)\. LMC Data Platform, Lancang-Mekong Cooperation members, member country LA\. Source: ISO 3166-1.*Retrieved \d{4}-\d\d-\d\d\.$/);

    const { planAction } = ok(await call(anonymous, `{ planAction(number: 47) { citation provenance { synthetic } } }`));
    expect(planAction.provenance.synthetic).toBe(false);
    expect(planAction.citation).toMatch(/^Five-Year Plan of Action on Lancang-Mekong Cooperation \(2018-2022\), action 47 \(澜沧江-湄公河合作五年行动计划\(2018-2022\) 第47项\)\. LMC Data Platform, .* plan action 47\. Source: .*fmprc\.gov\.cn.*; licence: Official public document; recorded 2018-01-29\. Retrieved \d{4}-\d\d-\d\d\.$/);

    const org = ok(await call(editorOf('social-cultural'), `mutation($input: OrganisationInput!) { createSocialCulturalOrganisation(input: $input) { id citation } }`, {
      input: { name: { en: 'Synthetic cited organisation', zh: '合成数据 引用机构' }, type: 'THINK_TANK', countryCode: 'LA', provenance: { source: 'synthetic', licence: 'CC0-1.0', recordedAt: '2026-01-01T00:00:00Z', synthetic: true } },
    })).createSocialCulturalOrganisation;
    expect(org.citation).toContain(`Synthetic cited organisation (合成数据 引用机构). LMC Data Platform, Social and Cultural Cooperation, organisation ${org.id}.`);
    expect(org.citation).toMatch(/Synthetic data \(not real facts\)\.$/);
  });
});
