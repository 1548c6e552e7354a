// Writes this pillar's progress assessments and platform-kit's progress
// rollups (same documents as its writeProgressAssessments). New assessments are
// inserted (on FerretDB SQLite an upsert by _id scans the collection, an insert
// does not); changed ones are replaced in small chunks (see bulk-chunks.ts). The rollups of every (country, year) in the input
// are recomputed each time (one read of their assessments, the same documents
// as platform-kit's recomputeProgressRollup), so a rerun after a crash repairs them.
import { trusted } from 'mongoose';
import {
  progressStatuses,
  type ProgressAssessmentRecord,
  type ProgressRollupRecord,
  type ProgressStatusCode,
} from '../../platform-kit/progress-store.js';
import type { Models } from './models.js';
import { bulkWriteInChunks, sameRecord } from '../../platform-kit/bulk-writes.js';

export async function writeSocialCulturalProgress(models: Pick<Models, 'progress' | 'progressRollups'>, records: ProgressAssessmentRecord[]): Promise<void> {
  const old = new Map(
    ((await models.progress.find({ _id: trusted({ $in: records.map((r) => r._id) }) }).lean()) as ProgressAssessmentRecord[]).map((r) => [r._id, r]),
  );
  const fresh = records.filter((r) => !old.has(r._id));
  const changed = records.filter((r) => old.has(r._id) && !sameRecord(old.get(r._id), r));
  if (fresh.length) await models.progress.insertMany(fresh, { ordered: false });
  await bulkWriteInChunks(models.progress, changed.map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r } })));
  await recomputeRollupsOf(models, records);
}

async function recomputeRollupsOf(models: Pick<Models, 'progress' | 'progressRollups'>, records: ProgressAssessmentRecord[]) {
  const rollupId = (r: { countryCode: string; year: number }) => `${r.countryCode}:${r.year}`;
  const rollups = new Map<string, ProgressRollupRecord>();
  for (const r of records) {
    const byStatus = Object.fromEntries(progressStatuses.map((s) => [s, 0])) as Record<ProgressStatusCode, number>;
    rollups.set(rollupId(r), { _id: rollupId(r), countryCode: r.countryCode, year: r.year, assessedCount: 0, byStatus });
  }
  const countries = [...new Set(records.map((r) => r.countryCode))];
  const years = [...new Set(records.map((r) => r.year))];
  const stored = (await models.progress
    .find({ countryCode: trusted({ $in: countries }), year: trusted({ $in: years }) }, { countryCode: 1, year: 1, status: 1 })
    .lean()) as Array<Pick<ProgressAssessmentRecord, 'countryCode' | 'year' | 'status'>>;
  for (const a of stored) {
    const rollup = rollups.get(rollupId(a));
    if (!rollup) continue;
    rollup.assessedCount += 1;
    rollup.byStatus[a.status] += 1;
  }
  const current = new Map(
    ((await models.progressRollups.find({ _id: trusted({ $in: [...rollups.keys()] }) }).lean()) as ProgressRollupRecord[]).map((r) => [r._id, r]),
  );
  const ops = [...rollups.values()]
    .filter((r) => !sameRecord(current.get(r._id), r))
    .map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r, upsert: true } }));
  await bulkWriteInChunks(models.progressRollups, ops);
}
