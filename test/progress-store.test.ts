// Progress assessments: the year sheets and per-(country, year) rollups derived
// on write equal a brute-force recount after inserts, updates (status, year)
// and deletes; the by-action loader answers from them as a direct query would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../embedded-store/launcher.js';
import { connectStore } from '../platform-kit/mongo-store.js';
import { registerLiveDataModels, type LiveDataModels } from '../platform-kit/pillar-live-data.js';
import {
  deleteProgressAssessments,
  progressAssessmentId,
  progressByActionLoader,
  progressStatuses,
  writeProgressAssessments,
  type ProgressAssessmentRecord,
  type ProgressStatusCode,
} from '../platform-kit/progress-store.js';
import { syntheticProvenance } from '../platform-kit/provenance.js';
import type { Connection } from 'mongoose';

let dataDir: string;
let store: EmbeddedStore;
let connection: Connection;
let models: LiveDataModels;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lmc-progress-'));
  store = await startEmbeddedStore({ dataDir });
  connection = await connectStore({ uri: store.uri, dbName: 'lmc_progress_test' });
  models = registerLiveDataModels(connection);
});
afterAll(async () => {
  await connection?.close();
  await store?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const assessment = (actionNumber: number, countryCode: string, year: number, status: ProgressStatusCode): ProgressAssessmentRecord => ({
  _id: progressAssessmentId(actionNumber, countryCode, year),
  actionNumber,
  countryCode,
  year,
  status,
  narrative: null,
  evidenceDocumentIds: [],
  assessorOrganisationId: null,
  provenance: syntheticProvenance(),
});

async function expectDerivedMatchBruteForce() {
  const all = (await models.progress.find().sort({ _id: 1 }).lean()) as ProgressAssessmentRecord[];
  const years = [...new Set(all.map((a) => a.year))].sort();
  const sheets = await models.progressYears.find().sort({ _id: 1 }).lean();
  expect(sheets.map((s) => s._id)).toEqual(years);
  for (const s of sheets) expect(s.assessments.map((a) => a._id)).toEqual(all.filter((a) => a.year === s._id).map((a) => a._id));

  const expected = new Map<string, { assessedCount: number; byStatus: Record<string, number> }>();
  for (const a of all) {
    const key = `${a.countryCode}:${a.year}`;
    const r = expected.get(key) ?? { assessedCount: 0, byStatus: Object.fromEntries(progressStatuses.map((st) => [st, 0])) };
    r.assessedCount += 1;
    r.byStatus[a.status] += 1;
    expected.set(key, r);
  }
  const rollups = await models.progressRollups.find().sort({ _id: 1 }).lean();
  expect(rollups.map((r) => r._id)).toEqual([...expected.keys()].sort());
  for (const r of rollups) expect({ assessedCount: r.assessedCount, byStatus: r.byStatus }).toEqual(expected.get(r._id));

  const queries = [
    { actionNumber: 42, year: 2019 },
    { actionNumber: 42, year: 2020, country: 'TH' },
    { actionNumber: 43, year: 2020 },
    { actionNumber: 42 },
    { actionNumber: 43, country: 'VN' },
  ];
  const loaded = await progressByActionLoader(models).loadMany(queries);
  queries.forEach((q, i) => {
    const direct = all.filter(
      (a) => a.actionNumber === q.actionNumber && (!q.country || a.countryCode === q.country) && (q.year == null || a.year === q.year),
    );
    expect((loaded[i] as ProgressAssessmentRecord[]).map((a) => a._id), JSON.stringify(q)).toEqual(direct.map((a) => a._id));
  });
}

describe('progress assessments', () => {
  it('derive year sheets and rollups on insert', async () => {
    const written = await writeProgressAssessments(models, [
      assessment(42, 'TH', 2019, 'LIMITED'),
      assessment(42, 'TH', 2020, 'SUBSTANTIAL'),
      assessment(42, 'VN', 2020, 'COMPLETE'),
      assessment(43, 'VN', 2020, 'NOT_STARTED'),
      assessment(43, 'KH', 2020, 'NO_EVIDENCE'),
    ]);
    expect(written).toBe(5);
    await expectDerivedMatchBruteForce();
  });

  it('skips identical records, follows status changes and records moved to another year', async () => {
    expect(await writeProgressAssessments(models, [assessment(42, 'TH', 2019, 'LIMITED')])).toBe(0);
    await writeProgressAssessments(models, [assessment(42, 'TH', 2020, 'COMPLETE')]);
    await expectDerivedMatchBruteForce();
    // The natural key includes the year: "moving" is a delete plus an insert.
    await deleteProgressAssessments(models, [progressAssessmentId(43, 'KH', 2020)]);
    await writeProgressAssessments(models, [assessment(43, 'KH', 2021, 'LIMITED')]);
    await expectDerivedMatchBruteForce();
  });

  it('drops the sheet and rollups of a year whose assessments are all deleted', async () => {
    expect(await deleteProgressAssessments(models, [progressAssessmentId(42, 'TH', 2019), 'no-such-id'])).toBe(1);
    await expectDerivedMatchBruteForce();
    expect(await models.progressYears.findById(2019).lean()).toBeNull();
  });

  it('rejects an invalid record before writing any', async () => {
    const before = await models.progress.countDocuments();
    await expect(
      writeProgressAssessments(models, [assessment(44, 'LA', 2020, 'LIMITED'), { ...assessment(45, 'LA', 2020, 'LIMITED'), status: 'GREAT' as ProgressStatusCode }]),
    ).rejects.toThrow(/status/);
    expect(await models.progress.countDocuments()).toBe(before);
    await expectDerivedMatchBruteForce();
  });
});
