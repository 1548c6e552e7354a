// The embedded store launcher and single-subgraph runs, against real processes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, waitUntil } from './support/processes.js';
import { startEmbeddedStore, type EmbeddedStore } from '../embedded-store/launcher.js';
import { startService } from '../platform-launcher/service-process.js';
import { freePort } from '../platform-kit/free-port.js';
import { repoRoot, subgraphInfo } from '../subgraphs/registry.js';
import { graphqlData } from './support/graphql-client.js';
import { signedSubgraphHeaders, testSigningSecret } from './support/identities.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lmc-store-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

describe('embedded store launcher', () => {
  it('starts FerretDB on a free port, answers ping, keeps data across restarts, stops cleanly', async () => {
    const dataDir = tempDir();
    let store: EmbeddedStore = await startEmbeddedStore({ dataDir });
    cleanups.push(() => store.stop());
    const client = await new mongoose.mongo.MongoClient(store.uri).connect();
    const hello = await client.db('admin').command({ hello: 1 });
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(17);
    await client.db('t').collection('c').insertOne({ _id: 'kept' } as any);
    await client.close();

    const pid = store.process.pid!;
    await store.stop();
    expect(alive(pid)).toBe(false);

    store = await startEmbeddedStore({ dataDir });
    const again = await new mongoose.mongo.MongoClient(store.uri).connect();
    expect(await again.db('t').collection('c').findOne({ _id: 'kept' } as any)).toEqual({ _id: 'kept' });
    await again.close();
  });

  it('reports the store error when it cannot start', async () => {
    const blocker = await startEmbeddedStore({ dataDir: tempDir() });
    cleanups.push(() => blocker.stop());
    // Same port twice: the second store must fail with a clear error, not hang.
    await expect(startEmbeddedStore({ dataDir: tempDir(), port: blocker.port, startTimeoutMs: 10_000 })).rejects.toThrow(
      /exited|did not answer ping/,
    );
  });

  it('leaves no orphan when its launcher is killed with SIGKILL', async () => {
    const dataDir = tempDir();
    const script = `
      import { startEmbeddedStore } from ${JSON.stringify(join(repoRoot, 'embedded-store/launcher.ts'))};
      const s = await startEmbeddedStore({ dataDir: ${JSON.stringify(dataDir)} });
      console.log('STORE_PID=' + s.process.pid);
      setInterval(() => {}, 1000);`;
    const launcher = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const storePid = await new Promise<number>((resolve, reject) => {
      launcher.stdout!.on('data', (b: Buffer) => {
        const m = b.toString().match(/STORE_PID=(\d+)/);
        if (m) resolve(Number(m[1]));
      });
      launcher.once('exit', () => reject(new Error('launcher exited early')));
    });
    expect(alive(storePid)).toBe(true);
    launcher.kill('SIGKILL');
    expect(await waitUntil(() => !alive(storePid), 10_000)).toBe(true);
  });
});

describe('a subgraph on its own', () => {
  it('runs with its own embedded store, seeds only its own actions, and seeding twice changes nothing', async () => {
    const economy = subgraphInfo('economy');
    const dataDir = tempDir();
    const run = async () => {
      const port = await freePort();
      const lines: string[] = [];
      const service = await startService({
        name: 'economy',
        entry: join(economy.dir, 'main.ts'),
        env: { ...process.env, ECONOMY_MONGODB_URI: '', ECONOMY_PORT: String(port), LMC_DATA_DIR: dataDir, LMC_GATEWAY_SIGNING_SECRET: testSigningSecret },
        onLine: (l) => lines.push(l),
      });
      return { service, lines };
    };
    for (let round = 0; round < 2; round++) {
      const { service, lines } = await run();
      try {
        expect(lines.join('\n')).toMatch(/\[economy\] embedded store \(FerretDB\)/);
        const data = await graphqlData(
          service.url,
          `{ _entities(representations: [{ __typename: "EconomicAction", number: 47 }, { __typename: "EconomicAction", number: 10 }]) {
               ... on EconomicAction { number stewardSubgraph } } }`,
          undefined,
          signedSubgraphHeaders(),
        );
        // 10 is a political-security action: economy does not claim it.
        expect(data._entities).toEqual([{ number: 47, stewardSubgraph: 'economy' }, null]);
        const uri = lines.join('\n').match(/at (mongodb:\/\/\S+)/)![1];
        const client = await new mongoose.mongo.MongoClient(uri).connect();
        const numbers = (await client.db('lmc_economy').collection('plan_actions').distinct('_id')) as unknown as number[];
        await client.close();
        expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 48 }, (_, i) => i + 21));
      } finally {
        await service.stop();
      }
    }
  });

  it('uses the MongoDB URI from its env var and starts no embedded store', async () => {
    const store = await startEmbeddedStore({ dataDir: tempDir() });
    cleanups.push(() => store.stop());
    const port = await freePort();
    const lines: string[] = [];
    const service = await startService({
      name: 'social-cultural',
      entry: join(subgraphInfo('social-cultural').dir, 'main.ts'),
      env: {
        ...process.env,
        SOCIAL_CULTURAL_MONGODB_URI: store.uri,
        SOCIAL_CULTURAL_MONGODB_DB: 'ministry_db',
        SOCIAL_CULTURAL_PORT: String(port),
        LMC_GATEWAY_SIGNING_SECRET: testSigningSecret,
      },
      onLine: (l) => lines.push(l),
    });
    cleanups.push(() => service.stop());
    expect(lines.join('\n')).not.toMatch(/embedded store/);
    const client = await new mongoose.mongo.MongoClient(store.uri).connect();
    expect(await client.db('ministry_db').collection('plan_actions').countDocuments()).toBe(23);
    await client.close();
  });
});
