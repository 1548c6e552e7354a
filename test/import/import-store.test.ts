// Import through a real store (embedded FerretDB): bad rows are reported with
// their line while good ones are written through the audit, and importing the
// same file twice changes nothing (records, rollups, revisions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform-kit/access/principal.js';
import { runImport, type ImportSummary } from '../../platform-kit/import/import-engine.js';
import { textChunks, type ImportFormat } from '../../platform-kit/import/row-sources.js';
import { economyImports } from '../../subgraphs/economy/audited-kinds.js';
import { upsertWaterStations } from '../../subgraphs/economy/water-writes.js';
import { editorOf, thinkTankReader } from '../support/identities.js';
import { economySchema, projectDump, startEconomyStore, type EconomyStore } from './economy-store.js';
import { projectCells, projectCsv } from './project-rows.js';

let store: EconomyStore;
const schema = economySchema();
const editor = editorOf('economy');

beforeAll(async () => {
  store = await startEconomyStore();
});
afterAll(async () => {
  await store?.close();
});

const importText = (kind: string, format: ImportFormat, text: string, principal: Principal = editor): Promise<ImportSummary> =>
  runImport({
    pillar: 'economy',
    kind: economyImports.kinds.find((k) => k.name === kind)!,
    models: store.models,
    principal,
    schema,
    format,
    chunks: textChunks(text),
    batchSize: 7, // several batches for a small file
  });

describe('project import into a real store', () => {
  const good = Array.from({ length: 20 }, (_, i) => projectCells(i));
  const bad = (i: number, column: number, value: string) => projectCells(i).map((c, k) => (k === column ? value : c));
  // Lines: header is line 1, row i (0-based) is line i + 2 (no cell spans lines).
  const rows = [
    ...good.slice(0, 5),
    bad(100, 5, 'FROZEN'), // line 7: not a ProjectStatus
    bad(101, 8, '50'), // line 8: percentages sum to 80
    bad(102, 7, 'XX'), // line 9: not a member country
    good[0], // line 10: same id as line 2
    bad(103, 16, 'lots'), // line 11: amount is not a number
    bad(104, 6, '9.9.9'), // line 12: not a 4.2.x sector
    ...good.slice(5),
  ];
  let first: ImportSummary;

  it('writes the good rows and reports each bad one with its line, field and reason', async () => {
    // Line 28: a malformed CSV record.
    first = await importText('project', 'csv', projectCsv(rows) + 'imp-proj-99999,"broken"x\n');
    expect(first).toMatchObject({ rowsRead: 27, written: 20, unchanged: 0, rejected: 7 });
    expect(first.rejects.map((r) => [r.line, r.field])).toEqual([
      [7, 'status'],
      [8, 'participatingCountries'],
      [9, 'participatingCountries[0].countryCode'],
      [10, null],
      [11, 'flows[0].amount'],
      [12, 'sectorCode'],
      [28, null],
    ]);
    expect(first.rejects[1].reason).toBe('expected percentages summing to 100 (got 80)');
    expect(first.rejects[3].reason).toMatch(/one row per natural key \(imp-proj-00000 is also on line 2\)/);
    expect(first.rejects[6].reason).toMatch(/text after the closing quote/);

    expect(await store.models.projects.countDocuments()).toBe(20);
    const p = (await store.models.projects.findOne({ _id: 'imp-proj-00003' }).lean())!;
    expect(p).toMatchObject({ title: { en: 'Synthetic imported project 3, test' }, revision: 1, countryCodes: ['MM', 'VN'], totals: { committedUsd: 4000 } });
    expect(p.provenance).toMatchObject({ source: 'synthetic', synthetic: true });
    const revisions = await store.models.revisions.find({ collection: 'projects' }).lean();
    expect(revisions).toHaveLength(20);
    expect(new Set(revisions.map((r) => r.action))).toEqual(new Set(['IMPORT']));
    expect(revisions[0].by).toEqual({ id: editor.id, role: 'MINISTRY_EDITOR' });
    // Rollups follow the imported projects.
    const counts = (await store.models.projectActionCounts.findOne({ _id: 'all' }).lean()) as { counts: Record<string, number> } | null;
    expect(Object.values(counts!.counts).reduce((a, b) => a + b, 0)).toBe(20);
  });

  it('importing the same file again changes nothing: same records, rollups and revisions', async () => {
    const before = await projectDump(store.models);
    const again = await importText('project', 'csv', projectCsv(rows) + 'imp-proj-99999,"broken"x\n');
    expect(again).toMatchObject({ rowsRead: 27, written: 0, unchanged: 20, rejected: 7 });
    expect(again.rejects).toEqual(first.rejects);
    expect(await projectDump(store.models)).toEqual(before);
  });

  it('the same records as NDJSON are unchanged; a changed row writes one revision', async () => {
    const ndjson = (titleOf: (i: number) => string) =>
      good
        .slice(0, 3)
        .map((cells, i) =>
          JSON.stringify({
            id: cells[0],
            title: { en: titleOf(i), zh: cells[2] },
            description: { en: cells[3], zh: cells[4] },
            status: cells[5],
            sectorCode: cells[6],
            participatingCountries: [
              { countryCode: cells[7], percentage: 70 },
              { countryCode: cells[9], percentage: 30 },
            ],
            fundingSource: cells[11],
            plannedStart: cells[12],
            flows: [{ type: 'COMMITMENT', valueDate: cells[14], currency: 'USD', amount: Number(cells[16]), usdAmount: Number(cells[17]) }],
            actionNumbers: JSON.parse(cells[18].replace(/"/g, '')),
            provenance: { source: 'synthetic', licence: cells[20], recordedAt: cells[21], synthetic: true },
          }),
        )
        .join('\n');
    expect(await importText('project', 'ndjson', ndjson((i) => `Synthetic imported project ${i}, test`))).toMatchObject({ written: 0, unchanged: 3, rejected: 0 });
    const changed = await importText('project', 'ndjson', ndjson((i) => (i === 1 ? 'Synthetic renamed project' : `Synthetic imported project ${i}, test`)));
    expect(changed).toMatchObject({ written: 1, unchanged: 2, rejected: 0 });
    const revisions = await store.models.revisions.find({ collection: 'projects', recordId: 'imp-proj-00001' }).sort({ seq: 1 }).lean();
    expect(revisions.map((r) => [r.seq, r.action, r.changedFields])).toEqual([
      [1, 'IMPORT', expect.any(Array)],
      [2, 'IMPORT', ['title']],
    ]);
  });

  it('financial flows are upserted by project, type, date and currency; unknown projects are rejected', async () => {
    const flows = (amount: number) =>
      [
        'projectId,type,valueDate,currency,amount,usdAmount',
        `imp-proj-00004,DISBURSEMENT,2020-01-01T00:00:00Z,USD,${amount},${amount}`,
        'imp-proj-00004,EXPENDITURE,2020-06-01T00:00:00Z,THB,330000,10000',
        'no-such-project,DISBURSEMENT,2020-01-01T00:00:00Z,USD,1,1',
        'imp-proj-00005,DISBURSEMENT,2020-01-01T00:00:00Z,usd,1,1',
      ].join('\n');
    const first = await importText('financial-flow', 'csv', flows(500));
    expect(first).toMatchObject({ rowsRead: 4, written: 2, unchanged: 0, rejected: 2 });
    expect(first.rejects.map((r) => [r.line, r.field])).toEqual([
      [4, 'projectId'],
      [5, 'currency'],
    ]);
    expect(await importText('financial-flow', 'csv', flows(500))).toMatchObject({ written: 0, unchanged: 2, rejected: 2 });
    await importText('financial-flow', 'csv', flows(800));
    const p = (await store.models.projects.findOne({ _id: 'imp-proj-00004' }).lean())!;
    expect(p.flows.map((f) => [f.type, f.usdAmount])).toEqual([
      ['COMMITMENT', 5000],
      ['DISBURSEMENT', 800],
      ['EXPENDITURE', 10000],
    ]);
    expect(p.totals).toEqual({ committedUsd: 5000, disbursedUsd: 800, expendedUsd: 10000 });
  });

  it("a country-limited editor's rows for other countries are rejected as FORBIDDEN rows; other roles cannot import at all", async () => {
    const thai = editorOf('economy', 'TH');
    // Rows 42 (TH+LA) and 47 (CN+TH) involve Thailand; row 44 (KH+MM) does not.
    const result = await importText('project', 'csv', projectCsv([projectCells(42), projectCells(44), projectCells(47)]), thai);
    expect(result).toMatchObject({ rowsRead: 3, written: 2, rejected: 1 });
    expect(result.rejects[0]).toMatchObject({ line: 3, field: null });
    expect(result.rejects[0].reason).toMatch(/Forbidden: editor 'test-editor-economy-TH' may only write projects in which TH participates/);

    const count = await store.models.projects.countDocuments();
    for (const principal of [thinkTankReader, editorOf('social-cultural')]) {
      await expect(importText('project', 'csv', projectCsv([projectCells(60)]), principal)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    }
    expect(await store.models.projects.countDocuments()).toBe(count);
  });

  it('water observations: keyed by station, property and time; daily rollups and the latest observation follow; a re-import writes nothing', async () => {
    await upsertWaterStations(store.models, [
      { _id: 'imp-ws-1', name: 'Synthetic import station', river: 'Mekong', countryCode: 'LA', lat: 17.9, lon: 102.6, properties: ['WATER_LEVEL'], floodStage: null, alarmStage: null, provenance: { source: 'synthetic', licence: 'CC0-1.0', recordedAt: new Date('2026-01-01T00:00:00Z'), synthetic: true } },
    ]);
    const provenance = { source: 'synthetic', licence: 'CC0-1.0 (synthetic test data)', recordedAt: '2026-01-01T00:00:00Z', synthetic: true };
    const obs = (time: string, value: number, extra: Record<string, unknown> = {}) => JSON.stringify({ stationId: 'imp-ws-1', property: 'WATER_LEVEL', time, value, quality: 'GOOD', provenance, ...extra });
    const ndjson = [
      obs('2022-07-01T00:00:00Z', 4),
      obs('2022-07-01T12:00:00Z', 6),
      obs('2022-07-02T00:00:00Z', 5),
      obs('2022-07-02T06:00:00Z', 1, { property: 'RAINFALL' }), // line 4: not observed by this station
      obs('2022-07-01T12:00:00.000Z', 7), // line 5: same key as line 2
    ].join('\n');
    const first = await importText('water-observation', 'ndjson', ndjson);
    expect(first).toMatchObject({ rowsRead: 5, written: 3, rejected: 2 });
    expect(first.rejects.map((r) => [r.line, r.field])).toEqual([
      [4, 'property'],
      [5, null],
    ]);
    const day = (await store.models.waterRollups.days.findOne({ _id: 'imp-ws-1|WATER_LEVEL|2022-07-01' }).lean()) as unknown as { count: number; sum: number } | null;
    expect(day).toMatchObject({ count: 2, sum: 10 });
    expect(await store.models.waterLatest.findOne({ _id: 'imp-ws-1|WATER_LEVEL' }).lean()).toMatchObject({ value: 5 });
    const revisions = await store.models.revisions.countDocuments({ collection: 'water_observations' });
    expect(revisions).toBe(3);
    expect(await importText('water-observation', 'ndjson', ndjson)).toMatchObject({ written: 0, unchanged: 3, rejected: 2 });
    expect(await store.models.revisions.countDocuments({ collection: 'water_observations' })).toBe(3);
    // A Thai editor may not write a Lao station's observations.
    const thai = await importText('water-observation', 'ndjson', obs('2022-07-03T00:00:00Z', 2), editorOf('economy', 'TH'));
    expect(thai).toMatchObject({ written: 0, rejected: 1 });
    expect(thai.rejects[0].reason).toMatch(/^Forbidden: editor 'test-editor-economy-TH' may only write records of country TH\b.*involves LA/);
  });
});

