// Meetings, activities, bodies and progress of political-security, through the
// real gateway, checked against brute force over the real store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStore } from '../../platform-kit/mongo-store.js';
import { DEFAULT_RANDOM_SEED } from '../../platform-kit/subgraph-server.js';
import { registerModels, type Models } from '../../subgraphs/political-security/models.js';
import { deleteMeeting, rebuildMechanismRollups, upsertMeetings } from '../../subgraphs/political-security/mechanism-writes.js';
import { seedSyntheticPoliticalSecurity } from '../../subgraphs/political-security/synthetic.js';
import { graphql, graphqlData } from '../support/graphql-client.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';

let platform: PlatformFixture;
let models: Models;
let close: () => Promise<void>;
const q = (query: string, variables?: Record<string, unknown>) => graphqlData(platform.gatewayUrl, query, variables);

beforeAll(async () => {
  platform = await startTestPlatform({ env: { POLITICAL_SECURITY_SYNTHETIC_SCALE: '1' } });
  const connection = await connectStore({ uri: platform.storeUris['political-security'], dbName: 'lmc_political_security' });
  models = registerModels(connection);
  close = () => connection.close();
});
afterAll(async () => {
  await close?.();
  await platform?.dispose();
});

describe('meetings', () => {
  it('pages through every meeting in date order with stable cursors', async () => {
    const all = (await models.meetings.find().sort({ _id: 1 }).lean()).map((m) => m._id);
    expect(all.length).toBe(61); // 60 synthetic + the reported 2018 Leaders' Meeting
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await q(`query($after: String) { meetings(first: 25, after: $after) { totalCount edges { cursor node { id date } } pageInfo { hasNextPage endCursor } } }`, { after });
      expect(data.meetings.totalCount).toBe(61);
      seen.push(...data.meetings.edges.map((e: any) => e.node.id));
      if (!data.meetings.pageInfo.hasNextPage) {
        expect(data.meetings.edges.length).toBe(11);
        break;
      }
      after = data.meetings.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it('handles page edges: first 0, past the end, bad cursor, too large a page', async () => {
    const zero = await q(`{ meetings(first: 0) { edges { cursor } pageInfo { hasNextPage endCursor } totalCount } }`);
    expect(zero.meetings).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null }, totalCount: 61 });
    const last = (await models.meetings.find().sort({ _id: -1 }).limit(1).lean())[0]._id;
    const cursor = Buffer.from(JSON.stringify(last)).toString('base64url');
    const beyond = await q(`query($c: String) { meetings(after: $c) { edges { cursor } pageInfo { hasNextPage } } }`, { c: cursor });
    expect(beyond.meetings).toEqual({ edges: [], pageInfo: { hasNextPage: false } });
    const bad = await graphql(platform.gatewayUrl, `{ meetings(after: "not-a-cursor!") { totalCount } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const big = await graphql(platform.gatewayUrl, `{ meetings(first: 101) { totalCount } }`);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(big.data).toBeNull();
  });

  it('filters by type, host, year, action and synthetic exactly as a brute-force scan', async () => {
    const all = await models.meetings.find().lean();
    const cases: Array<[Record<string, unknown>, (m: (typeof all)[number]) => boolean]> = [
      [{ type: 'LEADERS' }, (m) => m.type === 'LEADERS'],
      [{ hostCountryCode: 'th' }, (m) => m.hostCountryCodes.includes('TH')],
      [{ year: 2020 }, (m) => m.date.getUTCFullYear() === 2020],
      [{ actionNumber: 47 }, (m) => m.actionsReviewed.includes(47)],
      [{ synthetic: false }, (m) => !m.provenance.synthetic],
      [{ hostCountryCode: 'KH', year: 2018, type: 'LEADERS' }, (m) => m.hostCountryCodes.includes('KH') && m.date.getUTCFullYear() === 2018 && m.type === 'LEADERS'],
    ];
    for (const [filter, match] of cases) {
      const data = await q(`query($f: MeetingFilter) { meetings(filter: $f, first: 100) { totalCount edges { node { id } } } }`, { f: filter });
      const expected = all.filter(match).map((m) => m._id).sort();
      expect(data.meetings.edges.map((e: any) => e.node.id), JSON.stringify(filter)).toEqual(expected);
      expect(data.meetings.totalCount).toBe(expected.length);
    }
  });

  it('rejects a country that is not a member, naming the field', async () => {
    const res = await graphql(platform.gatewayUrl, `{ meetings(filter: { hostCountryCode: "US" }) { totalCount } }`);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.hostCountryCode' });
  });

  it('shows the real reported meeting as real, everything generated as synthetic', async () => {
    const data = await q(`{ meeting(id: "mtg-2018-01-10-leaders-2") { type date title { zh } hostCountries { code } coChairs { code } provenance { synthetic source } } }`);
    expect(data.meeting).toMatchObject({
      type: 'LEADERS',
      date: '2018-01-10T00:00:00.000Z',
      title: { zh: '澜沧江-湄公河合作第二次领导人会议' },
      hostCountries: [{ code: 'KH' }],
      coChairs: [{ code: 'CN' }, { code: 'KH' }],
      provenance: { synthetic: false },
    });
    const synthetic = await models.meetings.countDocuments({ 'provenance.synthetic': true, 'provenance.source': 'synthetic' });
    expect(synthetic).toBe(60);
  });

  it('lists latest meetings newest first, and each action its reviewing meetings across pillars', async () => {
    const data = await q(`{ latestMeetings(first: 3) { id date } planAction(number: 47) { __typename reviewedInMeetings(first: 100) { id actionsReviewed { number } } } }`);
    const newest = (await models.meetings.find().sort({ _id: -1 }).limit(3).lean()).map((m) => m._id);
    expect(data.latestMeetings.map((m: any) => m.id)).toEqual(newest);
    const reviewing = (await models.meetings.find({ actionsReviewed: 47 }).lean()).map((m) => m._id).sort().reverse();
    expect(data.planAction.__typename).toBe('EconomicAction');
    expect(data.planAction.reviewedInMeetings.map((m: any) => m.id)).toEqual(reviewing);
    for (const m of data.planAction.reviewedInMeetings) expect(m.actionsReviewed.map((a: any) => a.number)).toContain(47);
  });
});

describe('aggregates from rollups', () => {
  const bruteMeetings = async () => {
    const counts = new Map<string, number>();
    for (const m of await models.meetings.find().lean())
      for (const host of m.hostCountryCodes) {
        const key = `${host}|${m.date.getUTCFullYear()}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    return counts;
  };
  const viaApi = async () => {
    const data = await q(`{ meetingAggregates(groupBy: [HOST_COUNTRY, YEAR]) { hostCountryCode year type meetingCount } }`);
    return new Map(data.meetingAggregates.map((r: any) => [`${r.hostCountryCode}|${r.year}`, r.meetingCount]));
  };

  it('meeting counts by host and year equal a brute-force count', async () => {
    expect(await viaApi()).toEqual(await bruteMeetings());
  });

  it('stay correct after insert, update and delete through the write path', async () => {
    const base = (await models.meetings.find().lean()).find((m) => m.provenance.synthetic)!;
    await upsertMeetings(models, [{ ...base, _id: 'mtg-2021-06-01-test-1', date: new Date('2021-06-01'), hostCountryCodes: ['LA', 'VN'] }]);
    await upsertMeetings(models, [{ ...base, hostCountryCodes: ['MM'], date: new Date('2019-03-03') }]); // update: moves host and year
    expect(await deleteMeeting(models, 'mtg-2021-06-01-test-1')).toBe(true);
    await upsertMeetings(models, [{ ...base, _id: 'mtg-2022-12-31-test-2', date: new Date('2022-12-31'), hostCountryCodes: ['CN'] }]);
    expect(await viaApi()).toEqual(await bruteMeetings());
    // A rebuild from scratch agrees with the incrementally maintained rollups.
    const before = await viaApi();
    await rebuildMechanismRollups(models);
    expect(await viaApi()).toEqual(before);
  });

  it('activity counts and participants by country equal a brute-force sum', async () => {
    const data = await q(`{ activityAggregates(groupBy: [COUNTRY]) { countryCode activityCount participants } }`);
    const brute = new Map<string, { activityCount: number; participants: number }>();
    for (const a of await models.activities.find().lean())
      for (const p of a.participants) {
        const row = brute.get(p.countryCode) ?? { activityCount: 0, participants: 0 };
        row.activityCount += 1;
        row.participants += p.total;
        brute.set(p.countryCode, row);
      }
    expect(new Map(data.activityAggregates.map((r: any) => [r.countryCode, { activityCount: r.activityCount, participants: r.participants }]))).toEqual(brute);
  });

  it('country views and progress summaries equal brute force', async () => {
    const data = await q(`{ countries { code politicalSecurity { meetingCount activityCount(year: 2020) progressSummary(year: 2020) { actionCount assessedCount byStatus { status count share } } } } }`);
    for (const c of data.countries) {
      const ps = c.politicalSecurity;
      expect(ps.meetingCount).toBe(await models.meetings.countDocuments({ hostCountryCodes: c.code }));
      const activities2020 = (await models.activities.find({ participantCountryCodes: c.code }).lean()).filter((a) => a.startDate.getUTCFullYear() === 2020);
      expect(ps.activityCount).toBe(activities2020.length);
      expect(ps.progressSummary.actionCount).toBe(23);
      for (const s of ps.progressSummary.byStatus) {
        const n = await models.progress.countDocuments({ countryCode: c.code, year: 2020, status: s.status });
        expect(s.count, `${c.code} ${s.status}`).toBe(n);
        expect(s.share).toBeCloseTo(n / 23, 10);
      }
      expect(ps.progressSummary.assessedCount).toBe(23); // every action assessed in the synthetic set
    }
  });
});

describe('synthetic generator', () => {
  it('is deterministic and idempotent: a second run changes nothing', async () => {
    const snapshot = async () => ({
      meetings: await models.meetings.find().sort({ _id: 1 }).lean(),
      rollups: await models.meetingRollups.find().sort({ _id: 1 }).lean(),
      progress: await models.progress.find().sort({ _id: 1 }).lean(),
    });
    // Earlier tests edited records; one run restores the generated ones, a second must change nothing.
    await seedSyntheticPoliticalSecurity(models, { scale: 1, randomSeed: DEFAULT_RANDOM_SEED });
    const before = await snapshot();
    await seedSyntheticPoliticalSecurity(models, { scale: 1, randomSeed: DEFAULT_RANDOM_SEED });
    expect(await snapshot()).toEqual(before);
    expect(before.meetings.filter((m) => m.provenance.synthetic)).toHaveLength(61); // 60 generated + 1 test-written
  });
});

describe('actions of section 4.1', () => {
  it('expose their cooperation activities, batched and equal to brute force', async () => {
    const data = await q(`{ plan { actions { number ... on PoliticalSecurityAction { cooperationActivityCount cooperationActivities(first: 3) { id actions { number } } } } } }`);
    const withActivities = data.plan.actions.filter((a: any) => a.cooperationActivityCount !== undefined);
    expect(withActivities.map((a: any) => a.number)).toEqual(Array.from({ length: 11 }, (_, i) => i + 10));
    for (const a of withActivities) {
      expect(a.cooperationActivityCount, `action ${a.number}`).toBe(await models.activities.countDocuments({ actionNumbers: a.number }));
      for (const act of a.cooperationActivities) expect(act.actions.map((x: any) => x.number)).toContain(a.number);
    }
  });
});
