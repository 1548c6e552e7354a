// An organisation or document write a crash stopped between its revision and
// its record is indexed when start-up repair completes it (the shared kinds
// carry the pillar's search feed), on a real store (FerretDB).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform-kit/access/principal.js';
import { pendingAuditModel } from '../../platform-kit/audit/revision-model.js';
import { writeAudited, type AuditedKind } from '../../platform-kit/audit/write-audited.js';
import { documentKind, organisationKind } from '../../platform-kit/organisation-document-writes.js';
import { searchIndex } from '../../platform-kit/search/index.js';
import { repairAuditedWrites } from '../../platform-kit/shared-audited-kinds.js';
import { startEconomyStore, type EconomyStore } from '../economy/economy-store.js';
import { testProvenance } from '../writes/writes-client.js';

let store: EconomyStore;
beforeAll(async () => {
  store = await startEconomyStore('lmc_economy_search_repair_test');
});
afterAll(async () => {
  await store?.close();
});

const editor: Principal = { id: 'test-editor', role: 'MINISTRY_EDITOR', pillar: 'economy' };
const crash = new Error('simulated crash after the revision insert');
const crashing = <T extends { _id: string }>(kind: AuditedKind<T>): AuditedKind<T> => ({
  ...kind,
  persist: async () => {
    throw crash;
  },
});
const provenance = { ...testProvenance, recordedAt: new Date(testProvenance.recordedAt) };
const found = async (q: string) => (await searchIndex(store.models.projects.db, q)).map((h) => [h.type, h.id, h.pillar]);

describe('search index after start-up repair', () => {
  it('indexes the organisation and document whose writes a crash interrupted, under the pillar', async () => {
    const org = { _id: 'org-repair-1', name: { en: 'Synthetic sandstone guild', zh: '合成数据 砂岩协会' }, type: 'THINK_TANK' as const, countryCode: 'MM', provenance, archived: false };
    const doc = { _id: 'doc-repair-1', title: { en: 'Synthetic terracotta ledger', zh: '合成数据 陶土账簿' }, date: null, language: 'en', url: null, provenance, archived: false };
    const common = { revisions: store.models.revisions, principal: editor, action: 'CREATE' };
    await expect(writeAudited({ ...crashing(organisationKind(store.models, 'economy')), ...common, id: org._id, change: () => org })).rejects.toBe(crash);
    await expect(writeAudited({ ...crashing(documentKind(store.models, 'economy')), ...common, id: doc._id, change: () => doc })).rejects.toBe(crash);
    expect(await pendingAuditModel(store.models.revisions).countDocuments()).toBe(2);
    expect(await found('sandstone')).toEqual([]);

    await repairAuditedWrites(store.models, {}, 'economy');
    expect(await pendingAuditModel(store.models.revisions).countDocuments()).toBe(0);
    for (const q of ['sandstone', '砂岩']) expect(await found(q), q).toEqual([['ORGANISATION', org._id, 'ECONOMY']]);
    for (const q of ['terracotta', '陶土']) expect(await found(q), q).toEqual([['DOCUMENT', doc._id, 'ECONOMY']]);
    const [hit] = await searchIndex(store.models.projects.db, 'sandstone', { country: 'MM' });
    expect(hit).toMatchObject({ countryCodes: ['MM'], score: 3 });
  });
});
