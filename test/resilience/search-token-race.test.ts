// Found by the resilience suite: concurrent writes that add the same new search
// token raced to upsert it, and on FerretDB (which, unlike MongoDB, does not
// retry such upserts) the loser failed the whole write with E11000.
// (Which refs the token keeps is not checked here: FerretDB 1.24 on SQLite loses
// concurrent updates of one document, a separate, open problem.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../embedded-store/launcher.js';
import { connectStore } from '../../platform-kit/mongo-store.js';
import { indexSearchDocuments, searchIndex, searchRef } from '../../platform-kit/search/search-index.js';

let dataDir: string;
let store: EmbeddedStore;
let connection: Connection;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lmc-token-race-'));
  store = await startEmbeddedStore({ dataDir });
  connection = await connectStore({ uri: store.uri, dbName: 'lmc_token_race' });
}, 60_000);
afterAll(async () => {
  await connection?.close();
  await store?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

it('lets every one of several concurrent writes sharing new tokens succeed', async () => {
  for (let round = 0; round < 8; round++) {
    // Five records written concurrently, all with the round's new word in their titles.
    const word = `racetoken${round}`;
    const docs = Array.from({ length: 5 }, (_, i) => ({
      type: 'ORGANISATION',
      id: `org-${round}-${i}`,
      pillar: 'ECONOMY',
      title: { en: `Ministry ${word} number${round}x${i}`, zh: `部门 ${round}` },
      body: [],
      countryCodes: ['TH'],
    }));
    const outcomes = await Promise.allSettled(docs.map((doc) => indexSearchDocuments(connection, [{ ref: searchRef(doc.type, doc.id), doc }])));
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    expect((await searchIndex(connection, word)).length).toBeGreaterThan(0);
  }
}, 60_000);
