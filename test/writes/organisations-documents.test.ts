// Organisations and documents of every pillar through the real gateway:
// create, update, archive with history and asOf, validation with field paths
// (nothing written), operator-looking text stored literally.
import { describe, expect, it } from 'vitest';
import { editorOf, thinkTankReader } from '../support/identities.js';
import { platformForFile } from '../support/platform-fixture.js';
import { callerOf, documentInput, failed, ok, organisationInput, testProvenance } from './writes-client.js';

const platform = platformForFile();

const call = callerOf(() => platform.gatewayUrl);
const ORG = 'id name { en zh } type countryCode revision archived provenance { source synthetic }';
const DOC = 'id title { en zh } date language url revision archived';

describe.each([
  { name: 'political-security', P: 'PoliticalSecurity', p: 'politicalSecurity' },
  { name: 'economy', P: 'Economy', p: 'economy' },
  { name: 'social-cultural', P: 'SocialCultural', p: 'socialCultural' },
] as const)('$name organisations and documents', ({ name, P, p }) => {
  const editor = editorOf(name);
  const history = async (kind: string, id: string) =>
    ok(await call(thinkTankReader, `query($id: ID!) { ${p}History(kind: ${kind}, id: $id) { seq at action changedFields by { id } } }`, { id }))[`${p}History`];

  it('creates, updates and archives an organisation; history and asOf follow', async () => {
    const id = `org-${name}-1`;
    const created = ok(await call(editor, `mutation($id: ID, $input: OrganisationInput!) { create${P}Organisation(id: $id, input: $input) { ${ORG} } }`, { id, input: organisationInput('LA') }))[
      `create${P}Organisation`
    ];
    expect(created).toEqual({ id, name: organisationInput('LA').name, type: 'MINISTRY', countryCode: 'LA', revision: 1, archived: false, provenance: { source: 'synthetic', synthetic: true } });
    const updated = ok(
      await call(editor, `mutation($id: ID!, $input: OrganisationInput!) { update${P}Organisation(id: $id, input: $input) { ${ORG} } }`, {
        id,
        input: { ...organisationInput(null, 'Synthetic regional body'), type: 'JOINT_WORKING_GROUP' },
      }),
    )[`update${P}Organisation`];
    expect(updated).toMatchObject({ revision: 2, countryCode: null, type: 'JOINT_WORKING_GROUP', name: { en: 'Synthetic regional body' } });
    const archived = ok(await call(editor, `mutation($id: ID!) { archive${P}Organisation(id: $id) { ${ORG} } }`, { id }))[`archive${P}Organisation`];
    expect(archived).toMatchObject({ revision: 3, archived: true });
    const revisions = await history('ORGANISATION', id);
    expect(revisions.map((r: any) => [r.seq, r.action])).toEqual([[1, 'CREATE'], [2, 'UPDATE'], [3, 'ARCHIVE']]);
    expect(revisions[1].changedFields).toEqual(['countryCode', 'name', 'type']);
    expect(revisions.every((r: any) => r.by.id === editor.id)).toBe(true);
    const asOf = async (at: string) => ok(await call(thinkTankReader, `query($id: ID!, $at: DateTime) { ${p}Organisation(id: $id, asOf: $at) { countryCode revision archived } }`, { id, at }))[`${p}Organisation`];
    expect(await asOf(revisions[0].at)).toEqual({ countryCode: 'LA', revision: 1, archived: false });
    expect(await asOf(revisions[1].at)).toEqual({ countryCode: null, revision: 2, archived: false });
    expect(await asOf(new Date(Date.parse(revisions[0].at) - 1).toISOString())).toBeNull();
    // An archived record is not edited again.
    failed(await call(editor, `mutation($id: ID!, $input: OrganisationInput!) { update${P}Organisation(id: $id, input: $input) { id } }`, { id, input: organisationInput('LA') }), 'BAD_USER_INPUT', 'id');
  });

  it('creates (generated id), updates and archives a document; repeats write nothing', async () => {
    const created = ok(await call(editor, `mutation($input: DocumentInput!) { create${P}Document(input: $input) { ${DOC} } }`, { input: documentInput() }))[`create${P}Document`];
    expect(created.id).toMatch(/^doc-[0-9a-f-]{36}$/);
    expect(created).toMatchObject({ revision: 1, language: 'en', date: '2020-05-01T00:00:00.000Z', url: 'https://example.org/synthetic.pdf' });
    const update = () =>
      call(editor, `mutation($id: ID!, $input: DocumentInput!) { update${P}Document(id: $id, input: $input) { ${DOC} } }`, {
        id: created.id,
        input: { ...documentInput('Synthetic outcome document'), language: 'zh-Hans', url: null },
      });
    expect(ok(await update())[`update${P}Document`]).toMatchObject({ revision: 2, language: 'zh-Hans', url: null });
    expect(ok(await update())[`update${P}Document`].revision).toBe(2);
    expect(ok(await call(editor, `mutation($id: ID!) { archive${P}Document(id: $id) { revision archived } }`, { id: created.id }))[`archive${P}Document`]).toEqual({ revision: 3, archived: true });
    expect(ok(await call(editor, `mutation($id: ID!) { archive${P}Document(id: $id) { revision } }`, { id: created.id }))[`archive${P}Document`].revision).toBe(3);
    expect((await history('DOCUMENT', created.id)).map((r: any) => r.action)).toEqual(['CREATE', 'UPDATE', 'ARCHIVE']);
  });

  it('rejects invalid input with the field path and writes nothing', async () => {
    const createOrg = (input: object, id = `org-${name}-bad`) =>
      call(editor, `mutation($id: ID, $input: OrganisationInput!) { create${P}Organisation(id: $id, input: $input) { id } }`, { id, input });
    const createDoc = (input: object) => call(editor, `mutation($input: DocumentInput!) { create${P}Document(input: $input) { id } }`, { input });
    failed(await createOrg(organisationInput('FR')), 'BAD_USER_INPUT', 'input.countryCode');
    failed(await createOrg({ ...organisationInput('LA'), name: { en: 'x', zh: '' } }), 'BAD_USER_INPUT', 'input.name.zh');
    failed(await createOrg({ ...organisationInput('LA'), provenance: { ...testProvenance, synthetic: false } }), 'BAD_USER_INPUT', 'input.provenance.synthetic');
    failed(await createOrg(organisationInput('LA'), '$where'), 'BAD_USER_INPUT', 'id');
    failed(await createDoc({ ...documentInput(), url: 'javascript:alert(1)' }), 'BAD_USER_INPUT', 'input.url');
    failed(await createDoc({ ...documentInput(), language: '{"$gt": ""}' }), 'BAD_USER_INPUT', 'input.language');
    failed(await call(editor, `mutation($id: ID!) { archive${P}Organisation(id: $id) { id } }`, { id: `org-${name}-bad` }), 'BAD_USER_INPUT', 'id');
    expect(ok(await call(thinkTankReader, `query($id: ID!) { ${p}Organisation(id: $id) { id } }`, { id: `org-${name}-bad` }))[`${p}Organisation`]).toBeNull();
  });

  it('stores operator-looking text literally', async () => {
    const input = { ...organisationInput('KH'), name: { en: '{"$gt": ""}', zh: '{"$where": "this.a == 1"}' } };
    const created = ok(await call(editor, `mutation($input: OrganisationInput!) { create${P}Organisation(input: $input) { id name { en zh } } }`, { input }))[`create${P}Organisation`];
    expect(created.name).toEqual(input.name);
    const read = ok(await call(thinkTankReader, `query($id: ID!) { ${p}Organisation(id: $id) { name { en zh } } }`, { id: created.id }))[`${p}Organisation`];
    expect(read.name).toEqual(input.name);
  });
});
