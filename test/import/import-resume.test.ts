// The import CLI killed half-way (SIGKILL, as a crash would) and run again
// ends in the same state as one clean run into a fresh store: records,
// rollups and revisions (timestamps aside). With its checkpoint it resumes
// after the rows already done; without it (deleted) it re-applies every row,
// which changes nothing that was already written.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointModel } from '../../platform-kit/import/checkpoints.js';
import { repoRoot } from '../../subgraphs/registry.js';
import { projectDump, startEconomyStore, type EconomyStore } from './economy-store.js';
import { projectCells, projectCsv } from './project-rows.js';

const ROWS = 200;
const dir = mkdtempSync(join(tmpdir(), 'lmc-import-resume-'));
const file = join(dir, 'projects.csv');
const stores: EconomyStore[] = [];

beforeAll(() => {
  // Two bad rows among the good ones: rejects must be the same after a resume.
  const rows = Array.from({ length: ROWS }, (_, i) => projectCells(i));
  rows[20][5] = 'FROZEN';
  rows[170][7] = 'XX';
  writeFileSync(file, projectCsv(rows));
});
afterAll(async () => {
  for (const s of stores) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the import CLI on the store; with killAfterRows, SIGKILLs it once its progress shows that many rows done. */
function runCli(store: EconomyStore, killAfterRows?: number): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'import-cli', 'main.ts'), '--pillar', 'economy', '--kind', 'project', '--file', file, '--json'], {
    cwd: repoRoot,
    env: { ...process.env, ECONOMY_MONGODB_URI: store.uri, LMC_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const done = [...stdout.matchAll(/ (\d+) rows \(written/g)].map((m) => Number(m[1]));
    if (killAfterRows !== undefined && done.some((n) => n >= killAfterRows) && child.exitCode === null) child.kill('SIGKILL');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const summaryOf = (run: CliRun) => JSON.parse(run.stdout.trim().split('\n').pop()!);

async function freshStore() {
  const store = await startEconomyStore();
  stores.push(store);
  return store;
}

describe('import CLI killed half-way and run again', () => {
  let clean: Awaited<ReturnType<typeof projectDump>>;
  let cleanSummary: Record<string, unknown>;

  beforeAll(async () => {
    const store = await freshStore();
    const run = await runCli(store);
    expect(run.code, run.stderr).toBe(1); // two rows rejected
    cleanSummary = summaryOf(run);
    expect(cleanSummary).toMatchObject({ rowsRead: ROWS, written: ROWS - 2, unchanged: 0, rejected: 2, resumedAfterRow: 0 });
    clean = await projectDump(store.models);
    expect(clean.projects).toHaveLength(ROWS - 2);
  }, 400_000);

  it('resumes from its checkpoint and ends equal to one clean run (same summary too)', async () => {
    const store = await freshStore();
    const killed = await runCli(store, 60);
    expect(killed.signal).toBe('SIGKILL');
    const saved = await checkpointModel(store.models.revisions.db).findOne().lean();
    expect(saved!.rowsDone).toBeGreaterThanOrEqual(60);
    expect(saved!.rowsDone).toBeLessThan(ROWS);

    const resumed = await runCli(store);
    expect(resumed.code, resumed.stderr).toBe(1);
    const summary = summaryOf(resumed);
    expect(summary.resumedAfterRow).toBe(saved!.rowsDone);
    expect({ ...summary, resumedAfterRow: 0 }).toEqual(cleanSummary);
    expect(await projectDump(store.models)).toEqual(clean);
    expect(await checkpointModel(store.models.revisions.db).countDocuments()).toBe(0);
  }, 400_000);

  it('without its checkpoint, the rerun re-applies every row and still ends equal to one clean run', async () => {
    const store = await freshStore();
    const killed = await runCli(store, 100);
    expect(killed.signal).toBe('SIGKILL');
    await checkpointModel(store.models.revisions.db).deleteMany({});

    const rerun = await runCli(store);
    expect(rerun.code, rerun.stderr).toBe(1);
    const summary = summaryOf(rerun);
    expect(summary.resumedAfterRow).toBe(0);
    expect(summary.unchanged).toBeGreaterThanOrEqual(99); // rows the killed run had written (one of the first 100 is rejected)
    expect(summary.written + summary.unchanged).toBe(ROWS - 2);
    expect(await projectDump(store.models)).toEqual(clean);
  }, 400_000);
});
