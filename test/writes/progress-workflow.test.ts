// The progress-assessment workflow through the real gateway, in each pillar:
// draft → submitted → approved | returned (→ draft) → published, allowed and
// refused transitions, publication as revisions of the published record
// (history and asOf), rollups kept, drafts hidden from readers.
import { describe, expect, it } from 'vitest';
import { anonymous, editorOf, secretariatAdmin, thinkTankReader } from '../support/identities.js';
import { platformForFile } from '../support/platform-fixture.js';
import { callerOf, failed, ok, progressDraftInput } from './writes-client.js';

const platform = platformForFile();

const call = callerOf(() => platform.gatewayUrl);
const DRAFT_FIELDS = 'id state status returnReason publishedCount revision narrative { en }';

const pillars = [
  { name: 'political-security', P: 'PoliticalSecurity', p: 'politicalSecurity', action: 12, view: 'politicalSecurity' },
  { name: 'economy', P: 'Economy', p: 'economy', action: 47, view: 'economy' },
  { name: 'social-cultural', P: 'SocialCultural', p: 'socialCultural', action: 80, view: 'socialCultural' },
] as const;

describe.each(pillars)('$name progress workflow', ({ name, P, p, action, view }) => {
  const editor = editorOf(name, 'KH');
  const id = `${action}:KH:2021`;
  const save = (who = editor, status = 'LIMITED', narrative?: string) =>
    call(who, `mutation($input: ProgressDraftInput!) { save${P}ProgressDraft(input: $input) { ${DRAFT_FIELDS} } }`, {
      input: { ...progressDraftInput(action, 'KH', 2021, status), ...(narrative ? { narrative: { en: narrative, zh: '合成数据' } } : {}) },
    });
  const step = (verb: string, who: typeof editor, extra = '') =>
    call(who, `mutation($id: ID!) { ${verb}${P}ProgressDraft(id: $id${extra}) { ${DRAFT_FIELDS} } }`, { id });
  const published = (who = anonymous, at?: string) =>
    call(who, `query($id: ID!, $at: DateTime) { ${p}ProgressAssessment(id: $id, asOf: $at) { id status narrative { en } } }`, { id, at });
  const summary = async () =>
    ok(await call(anonymous, `{ country(code: "KH") { ${view} { progressSummary(year: 2021) { assessedCount byStatus { status count } } } } }`)).country[view]
      .progressSummary;
  const countOf = (s: any, status: string) => s.byStatus.find((b: any) => b.status === status).count;
  const publishTimes: string[] = [];

  it('an editor saves a draft (saving the same again writes nothing); readers cannot see it', async () => {
    expect(ok(await save())[`save${P}ProgressDraft`]).toMatchObject({ id, state: 'DRAFT', status: 'LIMITED', revision: 1, publishedCount: 0 });
    expect(ok(await save())[`save${P}ProgressDraft`].revision).toBe(1);
    expect(ok(await save(editor, 'LIMITED', 'Edited narrative'))[`save${P}ProgressDraft`].revision).toBe(2);
    failed(await call(thinkTankReader, `{ ${p}ProgressDrafts { id } }`), 'FORBIDDEN');
    failed(await call(anonymous, `query($id: ID!) { ${p}ProgressDraft(id: $id) { id } }`, { id }), 'UNAUTHENTICATED');
    // An editor limited to another country does not see it.
    expect(ok(await call(editorOf(name, 'VN'), `{ ${p}ProgressDrafts { id } }`))[`${p}ProgressDrafts`]).toEqual([]);
    expect(ok(await call(editor, `{ ${p}ProgressDrafts(state: DRAFT) { id } }`))[`${p}ProgressDrafts`]).toEqual([{ id }]);
    expect(ok(await published())[`${p}ProgressAssessment`]).toBeNull();
  });

  it('refuses steps out of order', async () => {
    failed(await step('approve', secretariatAdmin), 'BAD_USER_INPUT', 'id');
    failed(await step('publish', secretariatAdmin), 'BAD_USER_INPUT', 'id');
    failed(await step('return', secretariatAdmin, ', reason: "x"'), 'BAD_USER_INPUT', 'id');
  });

  it('submitted → returned → draft again → submitted → approved → published', async () => {
    expect(ok(await step('submit', editor))[`submit${P}ProgressDraft`].state).toBe('SUBMITTED');
    // Submitting again is a harmless repeat; editing a submitted draft is refused; editors cannot approve.
    expect(ok(await step('submit', editor))[`submit${P}ProgressDraft`].revision).toBe(3);
    failed(await save(), 'BAD_USER_INPUT', 'id');
    failed(await step('approve', editor), 'FORBIDDEN');
    failed(await call(secretariatAdmin, `mutation($id: ID!) { return${P}ProgressDraft(id: $id, reason: "  ") { id } }`, { id }), 'BAD_USER_INPUT', 'reason');
    const returned = ok(await step('return', secretariatAdmin, ', reason: "Add evidence"'))[`return${P}ProgressDraft`];
    expect(returned).toMatchObject({ state: 'RETURNED', returnReason: 'Add evidence' });
    failed(await step('submit', editor), 'BAD_USER_INPUT', 'id');
    expect(ok(await save(editor, 'SUBSTANTIAL'))[`save${P}ProgressDraft`]).toMatchObject({ state: 'DRAFT', status: 'SUBSTANTIAL', returnReason: null });
    ok(await step('submit', editor));
    expect(ok(await step('approve', secretariatAdmin))[`approve${P}ProgressDraft`].state).toBe('APPROVED');
    failed(await save(), 'BAD_USER_INPUT', 'id');
    failed(await step('publish', editor), 'FORBIDDEN');
    const before = await summary();
    const done = ok(await step('publish', secretariatAdmin))[`publish${P}ProgressDraft`];
    expect(done).toMatchObject({ state: 'PUBLISHED', publishedCount: 1 });
    expect(ok(await published())[`${p}ProgressAssessment`]).toMatchObject({ id, status: 'SUBSTANTIAL' });
    const after = await summary();
    expect(after.assessedCount).toBe(before.assessedCount + 1);
    expect(countOf(after, 'SUBSTANTIAL')).toBe(countOf(before, 'SUBSTANTIAL') + 1);
    // Publishing again redoes nothing.
    expect(ok(await step('publish', secretariatAdmin))[`publish${P}ProgressDraft`].revision).toBe(done.revision);
    const history = ok(await call(editor, `query($id: ID!) { ${p}History(kind: PROGRESS_ASSESSMENT, id: $id) { seq action at } }`, { id }))[`${p}History`];
    expect(history.map((r: any) => [r.seq, r.action])).toEqual([[1, 'PUBLISH']]);
    publishTimes.push(history[0].at);
  });

  it('a change to a published assessment goes through a new draft and becomes a new revision', async () => {
    // The progress of the action shows the published version, not the new draft.
    expect(ok(await save(editor, 'COMPLETE', 'Completed'))[`save${P}ProgressDraft`]).toMatchObject({ state: 'DRAFT', publishedCount: 1 });
    expect(ok(await published())[`${p}ProgressAssessment`].status).toBe('SUBSTANTIAL');
    ok(await step('submit', editor));
    ok(await step('approve', secretariatAdmin));
    expect(ok(await step('publish', secretariatAdmin))[`publish${P}ProgressDraft`].publishedCount).toBe(2);
    expect(ok(await published())[`${p}ProgressAssessment`]).toMatchObject({ status: 'COMPLETE', narrative: { en: 'Completed' } });
    const s = await summary();
    expect(countOf(s, 'COMPLETE')).toBe(1);
    expect(countOf(s, 'SUBSTANTIAL')).toBe(0);
    const history = ok(await call(thinkTankReader, `query($id: ID!) { ${p}History(kind: PROGRESS_ASSESSMENT, id: $id) { seq action changedFields before after } }`, { id }))[`${p}History`];
    expect(history.map((r: any) => r.seq)).toEqual([1, 2]);
    expect(history[1].before.status).toBe('SUBSTANTIAL');
    expect(history[1].after.status).toBe('COMPLETE');
    expect(history[1].changedFields).toEqual(expect.arrayContaining(['narrative', 'status']));
    // asOf the first publication: the first version; before it: none.
    expect(ok(await published(anonymous, publishTimes[0]))[`${p}ProgressAssessment`].status).toBe('SUBSTANTIAL');
    expect(ok(await published(anonymous, new Date(Date.parse(publishTimes[0]) - 1).toISOString()))[`${p}ProgressAssessment`]).toBeNull();
    // The draft's own history: every step, in order.
    const steps = ok(await call(editor, `query($id: ID!) { ${p}History(kind: PROGRESS_DRAFT, id: $id) { action } }`, { id }))[`${p}History`];
    expect(steps.map((r: any) => r.action)).toEqual([
      'SAVE_DRAFT', 'SAVE_DRAFT', 'SUBMIT', 'RETURN', 'SAVE_DRAFT', 'SUBMIT', 'APPROVE', 'PUBLISH', 'SAVE_DRAFT', 'SUBMIT', 'APPROVE', 'PUBLISH',
    ]);
    failed(await call(thinkTankReader, `query($id: ID!) { ${p}History(kind: PROGRESS_DRAFT, id: $id) { action } }`, { id }), 'FORBIDDEN');
    failed(await call(editorOf(name, 'VN'), `query($id: ID!) { ${p}History(kind: PROGRESS_DRAFT, id: $id) { action } }`, { id }), 'FORBIDDEN');
  });

  it('validates drafts against the pillar, the members and the plan years', async () => {
    const other = pillars.find((x) => x.name !== name)!.action;
    const bad = (input: object) => call(editor, `mutation($input: ProgressDraftInput!) { save${P}ProgressDraft(input: $input) { id } }`, { input });
    failed(await bad(progressDraftInput(other, 'KH', 2021)), 'BAD_USER_INPUT', 'input.actionNumber');
    failed(await bad(progressDraftInput(action, 'KH', 2017)), 'BAD_USER_INPUT', 'input.year');
    failed(await call(secretariatAdmin, `mutation($input: ProgressDraftInput!) { save${P}ProgressDraft(input: $input) { id } }`, { input: progressDraftInput(action, 'XX', 2021) }), 'BAD_USER_INPUT', 'input.countryCode');
    failed(await bad({ ...progressDraftInput(action, 'KH', 2021), evidenceDocumentIds: ['doc-missing'] }), 'BAD_USER_INPUT', 'input.evidenceDocumentIds[0]');
    failed(await bad({ ...progressDraftInput(action, 'KH', 2021), assessorOrganisationId: '{"$gt": ""}' }), 'BAD_USER_INPUT', 'input.assessorOrganisationId');
  });
});
