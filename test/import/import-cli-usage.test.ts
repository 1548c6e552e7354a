// The import CLI refuses bad invocations with exit code 2 and says why,
// before touching any store.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../subgraphs/registry.js';
import { runImportCommand } from '../../import-cli/main.js';

async function run(...argv: string[]) {
  return runWith({ ECONOMY_MONGODB_URI: 'mongodb://127.0.0.1:1/' }, ...argv);
}

async function runWith(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const errors: string[] = [];
  let out = '';
  const stdout = { isTTY: false, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream;
  const code = await runImportCommand(argv, env, { stdout, stderr: (l) => errors.push(l) });
  return { code, stderr: errors.join('\n'), stdout: out };
}

describe('import CLI usage', () => {
  it('exits 2 with the reason and the usage for bad arguments', async () => {
    expect(await run('--pillar', 'economy')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--pillar, --kind and --file are required\nusage: npm run import/) });
    expect(await run('--pillar', 'culture', '--kind', 'x', '--file', 'f.csv')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--pillar must be one of political-security, economy, social-cultural/) });
    const unknownKind = await run('--pillar', 'economy', '--kind', 'dams', '--file', 'f.csv');
    expect(unknownKind.code).toBe(2);
    expect(unknownKind.stderr).toMatch(/--kind for economy must be one of: project \(.*\); financial-flow .*water-observation .*organisation .*document/);
    expect(await run('--pillar', 'economy', '--kind', 'project', '--file', 'projects.txt')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--format must be csv, json or ndjson/) });
    expect(await run('--pillar', 'economy', '--kind', 'project', '--file', 'x.csv', '--colour', 'red')).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown option '--colour'/) });
  });

  it('exits 2 when the file cannot be read', async () => {
    const missing = await run('--pillar', 'economy', '--kind', 'projects', '--file', '/nonexistent/projects.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/import failed: ENOENT: no such file or directory/);
  });

  it("refuses to open a data folder whose running subgraph's store does not answer (never a second server on the same files)", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lmc-import-cli-'));
    try {
      mkdirSync(join(dataDir, 'economy'));
      writeFileSync(join(dataDir, 'economy', 'running-store.json'), JSON.stringify({ uri: 'mongodb://127.0.0.1:1/', pid: process.pid }));
      const file = join(repoRoot, 'examples', 'import', 'projects.csv');
      const refused = await runWith({}, '--pillar', 'economy', '--kind', 'project', '--file', file, '--data-dir', dataDir);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/import failed: the economy subgraph \(pid \d+\) holds .*economy but its store at mongodb:\/\/127\.0\.0\.1:1\/ does not answer/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
