// Meeting, cooperation activity and mechanism body writes through the real
// gateway: create, update and archive, each followed by a check of lists,
// aggregates, country views and action links against brute force over the
// stored, non-archived records; history and asOf; validation errors that
// write nothing; operator injection stored literally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CooperationActivityRecord, MechanismBodyRecord, MeetingRecord } from '../../subgraphs/political-security/mechanism-models.js';
import type { Models } from '../../subgraphs/political-security/models.js';
import { anonymous, editorOf, secretariatAdmin, thinkTankReader } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { activityInput, bodyInput, meetingInput, mutations, openPoliticalSecurityModels } from './political-security-inputs.js';
import { callerOf, failed, ok, testProvenance } from './writes-client.js';

let platform: PlatformFixture;
let models: Models;
let close: () => Promise<void>;
beforeAll(async () => {
  platform = await startTestPlatform({ env: { POLITICAL_SECURITY_SYNTHETIC_SCALE: '1' } });
  ({ models, close } = await openPoliticalSecurityModels(platform.storeUris['political-security']));
});
afterAll(async () => {
  await close?.();
  await platform?.dispose();
});

const call = callerOf(() => platform.gatewayUrl);
const editor = editorOf('political-security');

const live = async <T extends { archived?: boolean }>(model: { find(): { lean(): unknown } }) =>
  ((await (model.find().lean() as Promise<T[]>)) as T[]).filter((r) => !r.archived);
const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort();

/** Lists, aggregates, country views and action links equal brute force over the stored non-archived records. */
async function expectConsistent() {
  const meetings = await live<MeetingRecord>(models.meetings);
  const activities = await live<CooperationActivityRecord>(models.activities);
  const bodies = await live<MechanismBodyRecord>(models.bodies);
  // Several requests: one would exceed the gateway's query cost limit.
  const lists = ok(
    await call(
      anonymous,
      `{ ma: meetingAggregates(groupBy: [TYPE, HOST_COUNTRY, YEAR]) { type hostCountryCode year meetingCount }
         aa: activityAggregates(groupBy: [KIND, COUNTRY, YEAR]) { kind countryCode year activityCount participants }
         m: meetings(first: 0) { totalCount } a: cooperationActivities(first: 0) { totalCount } b: mechanismBodies(first: 0) { totalCount }
         mth: meetings(first: 0, filter: { hostCountryCode: "TH" }) { totalCount }
         ath: cooperationActivities(first: 0, filter: { countryCode: "TH" }) { totalCount }
         latest: latestMeetings(first: 100) { id } }`,
    ),
  );
  const views = ok(
    await call(anonymous, `{ th: country(code: "TH") { politicalSecurity { meetingCount activityCount mechanismBodies { id } meetingsHosted(first: 100) { id } } } }`),
  );
  const link = async (query: string) => ok(await call(anonymous, query));
  const links = {
    ...(await link(`{ a14: planAction(number: 14) { ... on PoliticalSecurityAction { cooperationActivityCount cooperationActivities(first: 100) { id } } } }`)),
    ...(await link(`{ m14: planAction(number: 14) { reviewedInMeetings(first: 100) { id } } }`)),
    ...(await link(`{ a12: planAction(number: 12) { reviewedInMeetings(first: 100) { id } } }`)),
  };
  const data = { ...lists, ...views, ...links };
  const meetingRows = new Map<string, { type: string; hostCountryCode: string; year: number; meetingCount: number }>();
  for (const m of meetings) {
    for (const h of m.hostCountryCodes) {
      const key = `${m.type}|${h}|${m.date.getUTCFullYear()}`;
      const row = meetingRows.get(key) ?? { type: m.type, hostCountryCode: h, year: m.date.getUTCFullYear(), meetingCount: 0 };
      row.meetingCount++;
      meetingRows.set(key, row);
    }
  }
  expect(sorted(data.ma)).toEqual(sorted([...meetingRows.values()]));
  const activityRows = new Map<string, { kind: string; countryCode: string; year: number; activityCount: number; participants: number }>();
  for (const a of activities) {
    for (const p of a.participants) {
      const key = `${a.kind}|${p.countryCode}|${a.startDate.getUTCFullYear()}`;
      const row = activityRows.get(key) ?? { kind: a.kind, countryCode: p.countryCode, year: a.startDate.getUTCFullYear(), activityCount: 0, participants: 0 };
      row.activityCount++;
      row.participants += p.total;
      activityRows.set(key, row);
    }
  }
  expect(sorted(data.aa)).toEqual(sorted([...activityRows.values()]));
  expect([data.m.totalCount, data.a.totalCount, data.b.totalCount]).toEqual([meetings.length, activities.length, bodies.length]);
  const thMeetings = meetings.filter((m) => m.hostCountryCodes.includes('TH'));
  const thActivities = activities.filter((a) => a.participants.some((p) => p.countryCode === 'TH'));
  expect(data.mth.totalCount).toBe(thMeetings.length);
  expect(data.ath.totalCount).toBe(thActivities.length);
  expect(data.latest.map((m: any) => m.id)).toEqual(meetings.map((m) => m._id).sort().reverse().slice(0, 100));
  const th = data.th.politicalSecurity;
  expect(th.meetingCount).toBe(thMeetings.length);
  expect(th.activityCount).toBe(thActivities.length);
  expect(ids(th.mechanismBodies)).toEqual(bodies.filter((b) => b.countryCode === 'TH').map((b) => b._id).sort());
  expect(ids(th.meetingsHosted)).toEqual(thMeetings.map((m) => m._id).sort());
  const on14 = activities.filter((a) => a.actionNumbers.includes(14));
  expect(data.a14.cooperationActivityCount).toBe(on14.length);
  expect(ids(data.a14.cooperationActivities)).toEqual(on14.map((a) => a._id).sort());
  expect(ids(data.m14.reviewedInMeetings)).toEqual(meetings.filter((m) => m.actionsReviewed.includes(14)).map((m) => m._id).sort());
  expect(ids(data.a12.reviewedInMeetings)).toEqual(meetings.filter((m) => m.actionsReviewed.includes(12)).map((m) => m._id).sort());
}

const historyOf = async (kind: string, id: string) =>
  ok(await call(editor, `query($k: PoliticalSecurityRecordKind!, $id: ID!) { politicalSecurityHistory(kind: $k, id: $id) { seq at action changedFields by { id role } before after } }`, { k: kind, id }))
    .politicalSecurityHistory as any[];

describe('meetings', () => {
  const id = 'mtg-2024-03-05-test-1';
  const times: string[] = [];

  it('creates a meeting (revision 1); aggregates, lists, views and action links follow', async () => {
    await expectConsistent();
    const created = ok(await call(editor, mutations.createMeeting, { id, input: meetingInput() })).createMeeting;
    expect(created).toMatchObject({ id, revision: 1, archived: false, type: 'SENIOR_OFFICIALS', hostCountries: [{ code: 'TH' }], provenance: { source: 'synthetic', synthetic: true } });
    expect(created.actionsReviewed.map((a: any) => a.number)).toEqual([12, 47]);
    await expectConsistent();
    const history = await historyOf('MEETING', id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ seq: 1, action: 'CREATE', before: null, by: { id: editor.id, role: 'MINISTRY_EDITOR' } });
    expect(history[0].after).toMatchObject({ _id: id, revision: 1, hostCountryCodes: ['TH'] });
    times.push(history[0].at);
    // The same create again writes nothing; other content under the same id is refused.
    expect(ok(await call(editor, mutations.createMeeting, { id, input: meetingInput() })).createMeeting.revision).toBe(1);
    failed(await call(editor, mutations.createMeeting, { id, input: meetingInput({ type: 'AD_HOC' }) }), 'BAD_USER_INPUT', 'id');
    expect(await historyOf('MEETING', id)).toHaveLength(1);
  });

  it('generates a dated id when none is given', async () => {
    const created = ok(await call(secretariatAdmin, mutations.createMeeting, { input: meetingInput({ date: '2022-11-30T08:00:00.000Z', hostCountryCodes: ['LA', 'VN'] }) })).createMeeting;
    expect(created.id).toMatch(/^mtg-2022-11-30-[0-9a-f-]{36}$/);
    await expectConsistent();
  });

  it('updates hosts, type, year of its day and reviewed actions (revision 2); everything follows', async () => {
    const doc = (await models.documents.findOne().lean())!;
    const input = meetingInput({
      type: 'FOREIGN_MINISTERS',
      title: { en: 'Synthetic test meeting (renamed)', zh: '合成数据 测试会议 二' },
      date: '2024-03-05T09:30:00.000Z',
      hostCountryCodes: ['TH', 'MM'],
      coChairCodes: ['TH', 'MM'],
      outcomeDocumentIds: [doc._id],
      actionsReviewed: [14],
    });
    const updated = ok(await call(editor, mutations.updateMeeting, { id, input })).updateMeeting;
    expect(updated).toMatchObject({ revision: 2, type: 'FOREIGN_MINISTERS', outcomeDocuments: [{ id: doc._id }], hostCountries: [{ code: 'TH' }, { code: 'MM' }] });
    await expectConsistent();
    const history = await historyOf('MEETING', id);
    expect(history.map((r) => r.action)).toEqual(['CREATE', 'UPDATE']);
    expect(history[1].changedFields).toEqual(['actionsReviewed', 'coChairCodes', 'date', 'hostCountryCodes', 'outcomeDocumentIds', 'title', 'type']);
    times.push(history[1].at);
    // The same update again: no revision. Moving the meeting to another day is refused (its id names the day).
    expect(ok(await call(editor, mutations.updateMeeting, { id, input })).updateMeeting.revision).toBe(2);
    failed(await call(editor, mutations.updateMeeting, { id, input: { ...input, date: '2025-03-05T00:00:00.000Z' } }), 'BAD_USER_INPUT', 'input.date');
  });

  it('archives: the meeting leaves lists, aggregates and action links; history stays', async () => {
    const archived = ok(await call(editor, mutations.archiveMeeting, { id })).archiveMeeting;
    expect(archived).toMatchObject({ archived: true, revision: 3 });
    await expectConsistent();
    expect(ok(await call(anonymous, `query($id: ID!) { meeting(id: $id) { id } }`, { id })).meeting).toBeNull();
    expect(ok(await call(thinkTankReader, `query($id: ID!) { meeting(id: $id) { id } }`, { id })).meeting).toBeNull();
    expect(ok(await call(editor, `query($id: ID!) { meeting(id: $id) { id archived } }`, { id })).meeting).toEqual({ id, archived: true });
    expect(ok(await call(editor, mutations.archiveMeeting, { id })).archiveMeeting.revision).toBe(3);
    failed(await call(editor, mutations.updateMeeting, { id, input: meetingInput() }), 'BAD_USER_INPUT', 'id');
    const history = await historyOf('MEETING', id);
    expect(history.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(history[2]).toMatchObject({ action: 'ARCHIVE', changedFields: ['archived'] });
  });

  it('archives a seeded meeting: its first revision keeps the seeded version', async () => {
    const seeded = (await models.meetings.findOne({ hostCountryCodes: 'TH' }).lean())!;
    ok(await call(secretariatAdmin, mutations.archiveMeeting, { id: seeded._id }));
    await expectConsistent();
    const [first] = await historyOf('MEETING', seeded._id);
    expect(first.before).toMatchObject({ _id: seeded._id, revision: 0, archived: false });
  });

  it('asOf returns the version current at that instant', async () => {
    const asOf = async (at: string) =>
      ok(await call(editor, `query($id: ID!, $at: DateTime) { meeting(id: $id, asOf: $at) { type title { en } revision archived } }`, { id, at })).meeting;
    expect(await asOf(new Date(Date.parse(times[0]) - 1).toISOString())).toBeNull();
    expect(await asOf(times[0])).toEqual({ type: 'SENIOR_OFFICIALS', title: { en: 'Synthetic test meeting' }, revision: 1, archived: false });
    expect(await asOf(times[1])).toEqual({ type: 'FOREIGN_MINISTERS', title: { en: 'Synthetic test meeting (renamed)' }, revision: 2, archived: false });
    expect(await asOf(new Date().toISOString())).toMatchObject({ revision: 3, archived: true });
    // Readers see the unarchived past version but not the archived one.
    expect(ok(await call(thinkTankReader, `query($id: ID!) { meeting(id: $id, asOf: "${times[1]}") { revision history { seq action } } }`, { id })).meeting).toEqual({
      revision: 2,
      history: [
        { seq: 1, action: 'CREATE' },
        { seq: 2, action: 'UPDATE' },
        { seq: 3, action: 'ARCHIVE' },
      ],
    });
    failed(await call(anonymous, `query($id: ID!) { politicalSecurityHistory(kind: MEETING, id: $id) { seq } }`, { id }), 'UNAUTHENTICATED');
  });
});

describe('cooperation activities', () => {
  const id = 'act-test-1';

  it('creates, updates (participants, kind, year) and archives; activity rollups follow each step', async () => {
    const created = ok(await call(editor, mutations.createCooperationActivity, { id, input: activityInput() })).createCooperationActivity;
    expect(created).toMatchObject({ id, revision: 1, kind: 'TRAINING', participants: [{ countryCode: 'TH', total: 30, female: 10, male: 20 }, { countryCode: 'KH', total: 12, female: null, male: null }] });
    expect(created.actions.map((a: any) => a.number)).toEqual([14]);
    await expectConsistent();
    const input = activityInput({
      kind: 'DISASTER_MANAGEMENT',
      startDate: '2025-01-10T00:00:00.000Z',
      endDate: null,
      participants: [
        { countryCode: 'LA', total: 7 },
        { countryCode: 'TH', total: 5, female: 5 },
        { countryCode: 'VN', total: 100 },
      ],
      actionNumbers: [15, 16],
    });
    const updated = ok(await call(editor, mutations.updateCooperationActivity, { id, input })).updateCooperationActivity;
    expect(updated).toMatchObject({ revision: 2, kind: 'DISASTER_MANAGEMENT', endDate: null });
    await expectConsistent();
    const stored = (await models.activities.findOne({ _id: id }).lean())!;
    expect(stored.participantCountryCodes).toEqual(['LA', 'TH', 'VN']);
    const archived = ok(await call(editor, mutations.archiveCooperationActivity, { id })).archiveCooperationActivity;
    expect(archived).toMatchObject({ revision: 3, archived: true });
    await expectConsistent();
    expect(ok(await call(anonymous, `query($id: ID!) { cooperationActivity(id: $id) { id } }`, { id })).cooperationActivity).toBeNull();
    expect((await historyOf('COOPERATION_ACTIVITY', id)).map((r) => r.action)).toEqual(['CREATE', 'UPDATE', 'ARCHIVE']);
  });
});

describe('mechanism bodies', () => {
  const id = 'body-test-1';

  it('creates, updates and archives; lists and country views follow', async () => {
    ok(await call(editor, mutations.createMechanismBody, { id, input: bodyInput() }));
    await expectConsistent();
    const updated = ok(await call(editor, mutations.updateMechanismBody, { id, input: bodyInput({ status: 'ESTABLISHED' }) })).updateMechanismBody;
    expect(updated).toMatchObject({ revision: 2, status: 'ESTABLISHED', countryCode: 'TH' });
    const at = (await historyOf('MECHANISM_BODY', id))[1].at;
    await expectConsistent();
    ok(await call(editor, mutations.archiveMechanismBody, { id }));
    await expectConsistent();
    expect(ok(await call(anonymous, `query($id: ID!) { mechanismBody(id: $id) { id } }`, { id })).mechanismBody).toBeNull();
    expect(ok(await call(anonymous, `query($id: ID!, $at: DateTime) { mechanismBody(id: $id, asOf: $at) { status revision } }`, { id, at })).mechanismBody).toEqual({
      status: 'ESTABLISHED',
      revision: 2,
    });
  });
});

describe('validation', () => {
  const counts = async () => [
    await models.meetings.countDocuments(),
    await models.activities.countDocuments(),
    await models.bodies.countDocuments(),
    await models.revisions.countDocuments(),
    await models.meetingRollups.countDocuments(),
  ];
  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    ['meeting: no host', 'createMeeting', meetingInput({ hostCountryCodes: [] }), 'input.hostCountryCodes'],
    ['meeting: non-member host', 'createMeeting', meetingInput({ hostCountryCodes: ['TH', 'US'] }), 'input.hostCountryCodes[1]'],
    ['meeting: duplicate co-chair', 'createMeeting', meetingInput({ coChairCodes: ['TH', 'TH'] }), 'input.coChairCodes[1]'],
    ['meeting: unknown action', 'createMeeting', meetingInput({ actionsReviewed: [12, 95] }), 'input.actionsReviewed[1]'],
    ['meeting: unknown document', 'createMeeting', meetingInput({ outcomeDocumentIds: ['doc-nope'] }), 'input.outcomeDocumentIds[0]'],
    ['meeting: date not on the id day', 'createMeeting', meetingInput({ date: '2024-03-06T00:00:00.000Z' }), 'input.date'],
    ['meeting: empty title', 'createMeeting', meetingInput({ title: { en: '  ', zh: '合成' } }), 'input.title.en'],
    ['meeting: overlong title', 'createMeeting', meetingInput({ title: { en: 'x'.repeat(501), zh: '合成' } }), 'input.title.en'],
    ['meeting: synthetic from another source', 'createMeeting', meetingInput({ provenance: { ...testProvenance, source: 'ministry' } }), 'input.provenance.source'],
    ['activity: no participants', 'createCooperationActivity', activityInput({ participants: [] }), 'input.participants'],
    ['activity: negative total', 'createCooperationActivity', activityInput({ participants: [{ countryCode: 'TH', total: -1 }] }), 'input.participants[0].total'],
    ['activity: female + male above total', 'createCooperationActivity', activityInput({ participants: [{ countryCode: 'TH', total: 3, female: 2, male: 2 }] }), 'input.participants[0].total'],
    ['activity: duplicate country', 'createCooperationActivity', activityInput({ participants: [{ countryCode: 'TH', total: 1 }, { countryCode: 'TH', total: 2 }] }), 'input.participants[1]'],
    ['activity: action outside 4.1', 'createCooperationActivity', activityInput({ actionNumbers: [14, 47] }), 'input.actionNumbers[1]'],
    ['activity: ends before it starts', 'createCooperationActivity', activityInput({ endDate: '2023-05-01T00:00:00.000Z' }), 'input.endDate'],
    ['body: non-member country', 'createMechanismBody', bodyInput({ countryCode: 'FR' }), 'input.countryCode'],
    ['body: empty zh name', 'createMechanismBody', bodyInput({ name: { en: 'x', zh: '' } }), 'input.name.zh'],
  ];

  it.each(cases)('%s: BAD_USER_INPUT at the field, nothing written', async (_, mutation, input, field) => {
    const before = await counts();
    const id = mutation === 'createMeeting' ? 'mtg-2024-03-05-invalid' : 'test-invalid';
    const err = failed(await call(editor, mutations[mutation as keyof typeof mutations], { id, input }), 'BAD_USER_INPUT', field);
    expect(err.message).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('names the id argument for bad ids and missing records', async () => {
    failed(await call(editor, mutations.createMeeting, { id: 'meeting-2024-03-05', input: meetingInput() }), 'BAD_USER_INPUT', 'id');
    failed(await call(editor, mutations.createCooperationActivity, { id: 'has spaces', input: activityInput() }), 'BAD_USER_INPUT', 'id');
    failed(await call(editor, mutations.updateCooperationActivity, { id: 'act-missing', input: activityInput() }), 'BAD_USER_INPUT', 'id');
    failed(await call(editor, mutations.archiveMechanismBody, { id: 'body-missing' }), 'BAD_USER_INPUT', 'id');
  });
});

describe('operator injection', () => {
  it('stores operator-looking text literally; operator ids and filters match nothing', async () => {
    const evil = '{"$gt": ""}';
    const created = ok(
      await call(editor, mutations.createMeeting, { id: 'mtg-2024-03-05-injection', input: meetingInput({ title: { en: evil, zh: '$where' } }) }),
    ).createMeeting;
    expect(created.title).toEqual({ en: evil, zh: '$where' });
    expect((await models.meetings.findOne({ _id: 'mtg-2024-03-05-injection' }).lean())!.title).toEqual({ en: evil, zh: '$where' });
    const activity = ok(
      await call(editor, mutations.createCooperationActivity, { id: 'act-injection', input: activityInput({ title: { en: '{"$where": "sleep(1000)"}', zh: '{"$ne": null}' } }) }),
    ).createCooperationActivity;
    expect(activity.title).toEqual({ en: '{"$where": "sleep(1000)"}', zh: '{"$ne": null}' });
    const body = ok(await call(editor, mutations.createMechanismBody, { id: 'body-injection', input: bodyInput({ name: { en: '$regex', zh: '{"$in": []}' } }) })).createMechanismBody;
    expect(body.name).toEqual({ en: '$regex', zh: '{"$in": []}' });
    expect((await models.bodies.findOne({ _id: 'body-injection' }).lean())!.name).toEqual({ en: '$regex', zh: '{"$in": []}' });
    failed(await call(editor, mutations.updateCooperationActivity, { id: '{"$ne": null}', input: activityInput() }), 'BAD_USER_INPUT', 'id');
    failed(await call(editor, mutations.createMeeting, { id: 'mtg-2024-03-05-op-doc', input: meetingInput({ outcomeDocumentIds: ['{"$gt": ""}'] }) }), 'BAD_USER_INPUT', 'input.outcomeDocumentIds[0]');
    expect(ok(await call(anonymous, `{ m: meeting(id: "{\\"$ne\\": null}") { id } b: mechanismBody(id: "{\\"$gt\\": \\"\\"}") { id } }`))).toEqual({ m: null, b: null });
    // An object where text is expected is refused before any resolver runs.
    const count = await models.meetings.countDocuments();
    const res = await call(editor, mutations.createMeeting, { id: 'mtg-2024-03-05-object', input: meetingInput({ title: { en: { $gt: '' }, zh: 'x' } }) });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await models.meetings.countDocuments()).toBe(count);
    await expectConsistent();
  });
});

describe('import (small batch through the gateway)', () => {
  const IMPORT = `mutation($k: PoliticalSecurityImportKind!, $c: String!) { importPoliticalSecurityRecords(kind: $k, format: NDJSON, content: $c) {
    rowsRead written unchanged rejected rejects { line field reason } } }`;

  it('imports meetings and activities row by row: bad rows reported, good ones written with their rollups; twice changes nothing', async () => {
    const meetings = [
      { id: 'mtg-2023-02-02-imp-1', ...meetingInput({ date: '2023-02-02T00:00:00.000Z' }) },
      { id: 'mtg-2023-02-02-imp-2', ...meetingInput({ date: '2023-02-02T00:00:00.000Z', hostCountryCodes: ['US'] }) },
      { id: 'mtg-2023-02-03-imp-3', ...meetingInput({ date: '2023-02-04T00:00:00.000Z', hostCountryCodes: ['LA'] }) },
      { id: 'mtg-2023-02-03-imp-4', ...meetingInput({ date: '2023-02-03T00:00:00.000Z', hostCountryCodes: ['LA', 'VN'] }) },
    ];
    const activities = [{ id: 'act-imp-1', ...activityInput({ participants: [{ countryCode: 'MM', total: 9 }] }) }];
    const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');
    const run = async () => [
      ok(await call(editor, IMPORT, { k: 'MEETING', c: ndjson(meetings) })).importPoliticalSecurityRecords,
      ok(await call(editor, IMPORT, { k: 'COOPERATION_ACTIVITY', c: ndjson(activities) })).importPoliticalSecurityRecords,
    ];
    const [first, firstActivities] = await run();
    expect(first).toMatchObject({ rowsRead: 4, written: 2, unchanged: 0, rejected: 2 });
    expect(first.rejects.map((r: any) => [r.line, r.field])).toEqual([
      [2, 'hostCountryCodes[0]'],
      [3, 'date'],
    ]);
    expect(firstActivities).toMatchObject({ written: 1, rejected: 0 });
    await expectConsistent();
    const history = await historyOf('MEETING', 'mtg-2023-02-03-imp-4');
    expect(history.map((r) => r.action)).toEqual(['IMPORT']);
    const revisions = await models.revisions.countDocuments();
    const [again, againActivities] = await run();
    expect(again).toMatchObject({ rowsRead: 4, written: 0, unchanged: 2, rejected: 2 });
    expect(againActivities).toMatchObject({ written: 0, unchanged: 1 });
    expect(await models.revisions.countDocuments()).toBe(revisions);
    // A country-limited editor's rows of other countries are rejected, not written.
    const limited = ok(await call(editorOf('political-security', 'TH'), IMPORT, { k: 'MEETING', c: ndjson([{ ...meetings[3], id: 'mtg-2023-02-03-imp-5', coChairCodes: ['LA'] }]) }))
      .importPoliticalSecurityRecords;
    expect(limited).toMatchObject({ written: 0, rejected: 1 });
    expect(await models.meetings.countDocuments({ _id: 'mtg-2023-02-03-imp-5' })).toBe(0);
    await expectConsistent();
  });
});
