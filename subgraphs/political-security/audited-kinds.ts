/**
 * The record kinds of political-security that ministries write and import
 * (platform-kit/audit/writable-kind.ts). For each: its name, the GraphQL
 * input type one row follows, keyOf (the row's id checked, or a new one),
 * toRecord (validates one row, BAD_USER_INPUT at `${field}.<path>`, and
 * returns the record to store), countryCodes (for country-limited editors)
 * and audited (persistence through mechanism-writes.ts, so meeting and
 * activity rollups follow every write; archived records count nowhere).
 *
 * politicalSecurityImports (end of file) is what the import takes: each kind
 * through importKindOf (rows = the input type's fields plus an `id` column),
 * and the pillar's rollup repair for a killed run.
 */
import { importKindOf, type WritableKind } from '../../platform-kit/audit/writable-kind.js';
import type { PillarImports } from '../../platform-kit/import/import-kind.js';
import type { AuditedKind } from '../../platform-kit/audit/write-audited.js';
import { recordId } from '../../platform-kit/write-inputs.js';
import type { CooperationActivityInput, MechanismBodyInput, MeetingInput } from './generated/resolvers-types.js';
import { activityFrom, bodyFrom, meetingFrom, meetingKey } from './mechanism-inputs.js';
import type { CooperationActivityRecord, MechanismBodyRecord, MeetingRecord } from './mechanism-models.js';
import { repairAuditedWrites } from '../../platform-kit/shared-audited-kinds.js';
import { repairMechanismRollups, upsertActivities, upsertBodies, upsertMeetings } from './mechanism-writes.js';
import { registerModels, type Models } from './models.js';
import { withThinkTankFeeds } from '../../platform-kit/export/think-tank-kind.js';
import { activitySearchDocument, bodySearchDocument, meetingSearchDocument } from './search-documents.js';

/** Audited kind whose persistence is `upsert` of the new versions (records are archived, never deleted). */
const upserting = <T extends { _id: string }>(collection: string, model: AuditedKind<T>['model'], upsert: (items: T[]) => Promise<unknown>): AuditedKind<T> => ({
  collection,
  model,
  carriesRevision: true,
  persist: async (changes) => {
    await upsert(changes.map((c) => c.after).filter((r): r is T => r !== null));
  },
});

export const meetingKind: WritableKind<Models, MeetingInput, MeetingRecord> = {
  name: 'meeting',
  pillar: 'political-security',
  inputType: 'MeetingInput',
  audited: (models) => withThinkTankFeeds(upserting('meetings', models.meetings, (items) => upsertMeetings(models, items)), meetingSearchDocument),
  keyOf: meetingKey,
  toRecord: (models, id, input, field) => meetingFrom(models, id, input, field),
  countryCodes: (m) => [...new Set([...m.hostCountryCodes, ...m.coChairCodes])],
};

export const cooperationActivityKind: WritableKind<Models, CooperationActivityInput, CooperationActivityRecord> = {
  name: 'cooperation-activity',
  pillar: 'political-security',
  inputType: 'CooperationActivityInput',
  audited: (models) => withThinkTankFeeds(upserting('cooperation_activities', models.activities, (items) => upsertActivities(models, items)), activitySearchDocument),
  keyOf: (id, _, idField) => recordId(id, idField, 'act'),
  toRecord: (_, id, input, field) => activityFrom(id, input, field),
  countryCodes: (a) => a.participants.map((p) => p.countryCode),
};

export const mechanismBodyKind: WritableKind<Models, MechanismBodyInput, MechanismBodyRecord> = {
  name: 'mechanism-body',
  pillar: 'political-security',
  inputType: 'MechanismBodyInput',
  audited: (models) => withThinkTankFeeds(upserting('mechanism_bodies', models.bodies, (items) => upsertBodies(models, items)), bodySearchDocument),
  keyOf: (id, _, idField) => recordId(id, idField, 'body'),
  toRecord: (_, id, input, field) => bodyFrom(id, input, field),
  // A regional body (no country) is for unlimited editors and admins only.
  countryCodes: (b) => (b.countryCode ? [b.countryCode] : []),
};

/** Completes writes a crash interrupted: rollups first, then audited writes left between revision and record (start-up, and before an import). */
export async function repairPoliticalSecurityWrites(models: Models): Promise<void> {
  await repairMechanismRollups(models);
  await repairAuditedWrites(models, {
    meetings: meetingKind.audited(models),
    cooperation_activities: cooperationActivityKind.audited(models),
    mechanism_bodies: mechanismBodyKind.audited(models),
  }, 'political-security');
}

/** What the import CLI and mutation take from this pillar (platform-kit/import). */
export const politicalSecurityImports: PillarImports<Models> = {
  pillar: 'political-security',
  registerModels,
  repair: repairPoliticalSecurityWrites,
  kinds: [
    importKindOf(meetingKind, 'Meetings of the mechanism (MeetingInput fields plus id mtg-<UTC day>-…; rollups by host and year follow).'),
    importKindOf(cooperationActivityKind, 'Cooperation activities (CooperationActivityInput fields plus id; rollups by country and year follow).'),
    importKindOf(mechanismBodyKind, 'Mechanism bodies (MechanismBodyInput fields plus id).'),
  ],
};
