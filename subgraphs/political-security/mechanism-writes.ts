// The one write path for meetings, activities and bodies: records and their rollups.
// Upserts by _id; rollups get (new − old) contributions. Each write runs under
// a pending marker; a crash between the record write and the rollup update
// leaves it raised, and repairMechanismRollups (start-up) rebuilds the rollups.
import { trusted, type Model } from 'mongoose';
import { applyContributions, rebuildRollups, type Contribution } from '../../platform-kit/counter-rollups.js';
import { upsertById } from '../../platform-kit/bulk-writes.js';
import type { CooperationActivityRecord, MechanismBodyRecord, MeetingRecord } from './mechanism-models.js';
import type { Models } from './models.js';

/** A meeting counts once per host country, in the year of its date; an archived one not at all. */
export const meetingContributions = (m: MeetingRecord): Contribution[] =>
  m.archived ? [] : m.hostCountryCodes.map((hostCountryCode) => ({
    dims: { type: m.type, hostCountryCode, year: m.date.getUTCFullYear() },
    counters: { meetingCount: 1 },
  }));

/** An activity counts once per participating country, with its participants, in its start year; an archived one not at all. */
export const activityContributions = (a: CooperationActivityRecord): Contribution[] =>
  a.archived ? [] : a.participants.map((p) => ({
    dims: { kind: a.kind, countryCode: p.countryCode, year: a.startDate.getUTCFullYear() },
    counters: { activityCount: 1, participants: p.total },
  }));

const GUARD = 'rollups';

/** Runs a records-then-rollups write under the pending marker (left raised if it fails). */
async function guarded<T>(models: Pick<Models, 'writeGuards'>, write: () => Promise<T>): Promise<T> {
  await models.writeGuards.updateOne({ _id: GUARD }, { $inc: { pendingWrites: 1 } }, { upsert: true });
  const result = await write();
  await models.writeGuards.updateOne({ _id: GUARD }, { $inc: { pendingWrites: -1 } });
  return result;
}

/** At start-up (or before an import): rebuilds both rollups if a write did not finish. */
export async function repairMechanismRollups(models: Models): Promise<boolean> {
  const guard = await models.writeGuards.findOne({ _id: GUARD }).lean();
  if (!guard || guard.pendingWrites <= 0) return false;
  await rebuildMechanismRollups(models);
  await models.writeGuards.updateOne({ _id: GUARD }, { $set: { pendingWrites: 0 } });
  return true;
}

async function upsertWithRollups<T extends { _id: string }>(
  records: Model<T>,
  rollups: Models['meetingRollups'],
  contributions: (r: T) => Contribution[],
  items: T[],
): Promise<void> {
  if (items.length === 0) return;
  const old = (await records.find({ _id: trusted({ $in: items.map((i) => i._id) }) } as never).lean()) as unknown as T[];
  await upsertById(records, items);
  await applyContributions(rollups, old.flatMap(contributions), items.flatMap(contributions));
}

async function deleteWithRollups<T extends { _id: string }>(
  records: Model<T>,
  rollups: Models['meetingRollups'],
  contributions: (r: T) => Contribution[],
  id: string,
): Promise<boolean> {
  const old = (await records.findOne({ _id: id } as never).lean()) as unknown as T | null;
  if (!old) return false;
  await records.deleteOne({ _id: id } as never);
  await applyContributions(rollups, contributions(old), []);
  return true;
}

export const upsertMeetings = (models: Models, items: MeetingRecord[]) =>
  guarded(models, () => upsertWithRollups(models.meetings, models.meetingRollups, meetingContributions, items));
export const deleteMeeting = (models: Models, id: string) =>
  guarded(models, () => deleteWithRollups(models.meetings, models.meetingRollups, meetingContributions, id));
export const upsertActivities = (models: Models, items: CooperationActivityRecord[]) =>
  guarded(models, () => upsertWithRollups(models.activities, models.activityRollups, activityContributions, items.map(withParticipantCodes)));
export const deleteActivity = (models: Models, id: string) =>
  guarded(models, () => deleteWithRollups(models.activities, models.activityRollups, activityContributions, id));

/** Mechanism bodies have no rollups: upserted by _id. */
export const upsertBodies = (models: Models, items: MechanismBodyRecord[]) => upsertById(models.bodies, items);

const withParticipantCodes = (a: CooperationActivityRecord): CooperationActivityRecord => ({
  ...a,
  participantCountryCodes: a.participants.map((p) => p.countryCode),
});

/** Recomputes both rollups from every stored record (idempotent repair). */
export async function rebuildMechanismRollups(models: Models): Promise<void> {
  async function* batches<T>(model: Model<T>, contributions: (r: T) => Contribution[]) {
    let batch: Contribution[] = [];
    for await (const doc of model.find().lean().cursor()) {
      batch.push(...contributions(doc as T));
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
  await rebuildRollups(models.meetingRollups, batches(models.meetings, meetingContributions));
  await rebuildRollups(models.activityRollups, batches(models.activities, activityContributions));
}
