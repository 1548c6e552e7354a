// Per-request loaders for the mechanism's records, batched per request (archived records left out).
import DataLoader from 'dataloader';
import { trusted } from 'mongoose';
import { notArchived, type CooperationActivityRecord, type MechanismBodyRecord, type MeetingRecord } from './mechanism-models.js';
import type { Models } from './models.js';

const newestFirst = (a: MeetingRecord, b: MeetingRecord) => (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);

export function mechanismLoaders(models: Models) {
  return {
    /** All meetings that reviewed each action: one query for every action in the request. */
    meetingsByAction: new DataLoader<number, MeetingRecord[]>(async (numbers) => {
      const docs = (await models.meetings.find({ actionsReviewed: trusted({ $in: [...numbers] }), ...notArchived() }).lean()) as MeetingRecord[];
      return numbers.map((n) => docs.filter((m) => m.actionsReviewed.includes(n)).sort(newestFirst));
    }),
    /** All activities under each action, newest first: one query for every action in the request. */
    activitiesByAction: new DataLoader<number, CooperationActivityRecord[]>(async (numbers) => {
      const docs = (await models.activities.find({ actionNumbers: trusted({ $in: [...numbers] }), ...notArchived() }).lean()) as CooperationActivityRecord[];
      return numbers.map((n) =>
        docs.filter((a) => a.actionNumbers.includes(n)).sort((a, b) => b.startDate.getTime() - a.startDate.getTime() || (a._id < b._id ? 1 : -1)),
      );
    }),
    /** The newest `first` meetings hosted by each country (six keys at most: a bounded query each). */
    meetingsHosted: new DataLoader<{ code: string; first: number }, MeetingRecord[], string>(
      (keys) =>
        Promise.all(
          keys.map(
            async ({ code, first }) =>
              (await models.meetings.find({ hostCountryCodes: code, ...notArchived() }).sort({ _id: -1 }).limit(first).lean()) as MeetingRecord[],
          ),
        ),
      { cacheKeyFn: (k) => `${k.code}|${k.first}` },
    ),
    bodiesByCountry: new DataLoader<string, MechanismBodyRecord[]>(async (codes) => {
      const docs = (await models.bodies.find({ countryCode: trusted({ $in: [...codes] }), ...notArchived() }).sort({ _id: 1 }).lean()) as MechanismBodyRecord[];
      return codes.map((c) => docs.filter((b) => b.countryCode === c));
    }),
    meetingRollupsByHost: new DataLoader<string, Array<{ year: number; count: number }>>(async (codes) => {
      const docs = await models.meetingRollups.find({ 'dims.hostCountryCode': trusted({ $in: [...codes] }) }).lean();
      return codes.map((c) =>
        docs.filter((d) => d.dims.hostCountryCode === c).map((d) => ({ year: Number(d.dims.year), count: d.counters.meetingCount ?? 0 })),
      );
    }),
    activityRollupsByCountry: new DataLoader<string, Array<{ year: number; count: number }>>(async (codes) => {
      const docs = await models.activityRollups.find({ 'dims.countryCode': trusted({ $in: [...codes] }) }).lean();
      return codes.map((c) =>
        docs.filter((d) => d.dims.countryCode === c).map((d) => ({ year: Number(d.dims.year), count: d.counters.activityCount ?? 0 })),
      );
    }),
  };
}
