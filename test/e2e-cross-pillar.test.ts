// End to end: real FerretDB stores, three subgraph processes and the gateway, over HTTP.
import { progressAssessmentId, writeProgressAssessments, type ProgressAssessmentRecord } from '../platform-kit/progress-store.js';
import { syntheticProvenance } from '../platform-kit/provenance.js';
import { describe, expect, it } from 'vitest';
import { graphqlData } from './support/graphql-client.js';
import { openPillarStore } from './support/pillar-store.js';
import { platformForFile } from './support/platform-fixture.js';

const platform = platformForFile();

const ACTION_47_ZH =
  '加强澜沧江-湄公河洪旱灾害应急管理,实施湄公河流域防洪抗旱联合评估,就早日建立应对澜沧江-湄公河紧急洪旱灾害信息共享沟通渠道开展联合研究。';
const ACTION_47_EN =
  'Deepen Lancang-Mekong river flood and drought disaster emergency management, carry out joint assessment of flood control and drought relief in Mekong basin, and carry out joint study on the early setting up of communication line/channel for sharing information in emergency case of flood and drought in Lancang-Mekong river.';

describe('cross-pillar queries through the gateway', () => {
  it('serves action 47 exactly, with its section, pillar and live data from economy', async () => {
    const data = await graphqlData(
      platform.gatewayUrl,
      `{ planAction(number: 47) { __typename number text { zh en } chapter { code } section { code title { en zh } parent { code } }
         pillar stewardSubgraph progress { status } } }`,
    );
    expect(data.planAction).toEqual({
      __typename: 'EconomicAction',
      number: 47,
      text: { zh: ACTION_47_ZH, en: ACTION_47_EN },
      chapter: { code: 'IV' },
      section: { code: '4.2.5', title: { en: 'Water Resources', zh: '水资源' }, parent: { code: '4.2' } },
      pillar: 'ECONOMY',
      stewardSubgraph: 'economy',
      progress: [],
    });
  });

  it('returns the six members with every pillar view resolved, in one request', async () => {
    const data = await graphqlData(
      platform.gatewayUrl,
      `{ countries { code name { en zh } nativeName
           politicalSecurity { stewardSubgraph } economy { stewardSubgraph } socialCultural { stewardSubgraph } } }`,
    );
    expect(data.countries.map((c: any) => c.code)).toEqual(['CN', 'KH', 'LA', 'MM', 'TH', 'VN']);
    for (const c of data.countries) {
      expect(c.politicalSecurity).toEqual({ stewardSubgraph: 'political-security' });
      expect(c.economy).toEqual({ stewardSubgraph: 'economy' });
      expect(c.socialCultural).toEqual({ stewardSubgraph: 'social-cultural' });
    }
    expect(data.countries.find((c: any) => c.code === 'VN')).toMatchObject({ name: { en: 'Viet Nam', zh: '越南' }, nativeName: 'Việt Nam' });
  });

  it('routes every one of the 94 actions to the subgraph that owns it', async () => {
    const data = await graphqlData(platform.gatewayUrl, `{ plan { actions { __typename number pillar stewardSubgraph } } }`);
    const actions = data.plan.actions as Array<{ __typename: string; number: number; pillar: string | null; stewardSubgraph: string }>;
    expect(actions.map((a) => a.number)).toEqual(Array.from({ length: 94 }, (_, i) => i + 1));
    const expected = (n: number) =>
      n <= 9 || n >= 92
        ? ['FrameworkAction', null, 'political-security']
        : n <= 20
          ? ['PoliticalSecurityAction', 'POLITICAL_SECURITY', 'political-security']
          : n <= 68
            ? ['EconomicAction', 'ECONOMY', 'economy']
            : ['SocialCulturalAction', 'SOCIAL_CULTURAL', 'social-cultural'];
    for (const a of actions) expect([a.__typename, a.pillar, a.stewardSubgraph], `action ${a.number}`).toEqual(expected(a.number));
  });

  it('walks the outline: chapters → sections → subsections → actions', async () => {
    const data = await graphqlData(
      platform.gatewayUrl,
      `{ plan { title { en } chapters { code title { zh } sections { code pillar subsections { code actions { number } } actions { number } } } } }`,
    );
    const iv = data.plan.chapters.find((c: any) => c.code === 'IV');
    expect(iv.sections.map((s: any) => [s.code, s.pillar])).toEqual([
      ['4.1', 'POLITICAL_SECURITY'],
      ['4.2', 'ECONOMY'],
      ['4.3', 'SOCIAL_CULTURAL'],
    ]);
    const economy = iv.sections[1];
    expect(economy.subsections.map((s: any) => s.code)).toEqual(['4.2.1', '4.2.2', '4.2.3', '4.2.4', '4.2.5', '4.2.6', '4.2.7', '4.2.8', '4.2.9', '4.2.10']);
    expect(economy.subsections[4].actions.map((a: any) => a.number)).toEqual([42, 43, 44, 45, 46, 47, 48]);
    expect(economy.actions).toHaveLength(48);
    const v = data.plan.chapters.find((c: any) => c.code === 'V');
    expect(v.sections.map((s: any) => [s.code, s.pillar])).toEqual([['5.1', null], ['5.2', null], ['5.3', null]]);
  });

  it('reads progress live from the owning pillar store (economy for 47, social-cultural for 79)', async () => {
    // Write into each pillar's own store through the write path its subgraph uses, then read through the gateway.
    const write = async (subgraph: 'economy' | 'social-cultural', record: Omit<ProgressAssessmentRecord, '_id' | 'evidenceDocumentIds' | 'provenance'>) => {
      const store = await openPillarStore(platform.storeUris[subgraph], subgraph);
      try {
        await writeProgressAssessments(store.models, [
          {
            ...record,
            _id: progressAssessmentId(record.actionNumber, record.countryCode, record.year),
            evidenceDocumentIds: [],
            provenance: syntheticProvenance(),
          },
        ]);
      } finally {
        await store.close();
      }
    };
    await write('economy', { actionNumber: 47, countryCode: 'TH', year: 2020, status: 'SUBSTANTIAL' });
    await write('social-cultural', { actionNumber: 79, countryCode: 'LA', year: 2021, status: 'LIMITED' });

    const data = await graphqlData(
      platform.gatewayUrl,
      `{ a47: planAction(number: 47) { progress(country: "TH", year: 2020) { id actionNumber countryCode year status provenance { synthetic source } } }
         a47none: planAction(number: 47) { progress(country: "TH", year: 2019) { status } }
         a79: planAction(number: 79) { progress { actionNumber countryCode status } }
         th: country(code: "TH") { economy { progressAssessmentCount(year: 2020) } socialCultural { progressAssessmentCount } }
         la: country(code: "LA") { economy { progressAssessmentCount } socialCultural { progressAssessmentCount(year: 2021) } } }`,
    );
    expect(data.a47.progress).toEqual([
      { id: '47:TH:2020', actionNumber: 47, countryCode: 'TH', year: 2020, status: 'SUBSTANTIAL', provenance: { synthetic: true, source: 'synthetic' } },
    ]);
    expect(data.a47none.progress).toEqual([]);
    expect(data.a79.progress).toEqual([{ actionNumber: 79, countryCode: 'LA', status: 'LIMITED' }]);
    expect(data.th).toEqual({ economy: { progressAssessmentCount: 1 }, socialCultural: { progressAssessmentCount: 0 } });
    expect(data.la).toEqual({ economy: { progressAssessmentCount: 0 }, socialCultural: { progressAssessmentCount: 1 } });
  });

  it('answers an unknown action or country with null, not an error', async () => {
    const data = await graphqlData(platform.gatewayUrl, `{ planAction(number: 95) { number } country(code: "US") { code } }`);
    expect(data).toEqual({ planAction: null, country: null });
  });
});
