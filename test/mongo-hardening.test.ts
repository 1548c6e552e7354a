// The hardening every subgraph connection gets (platform-kit/mongo-store.ts),
// checked against the real embedded store: a server-side time limit on reads,
// operator objects in values neutralised, unknown filter and write paths refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Schema, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../embedded-store/launcher.js';
import { connectStore, DEFAULT_QUERY_MAX_TIME_MS, strictSchemaOptions } from '../platform-kit/mongo-store.js';

let dataDir: string;
let store: EmbeddedStore;
let connection: Connection;
const commands: Array<{ name: string; command: Record<string, unknown> }> = [];

const noteSchema = new Schema({ _id: String, title: { type: String, required: true } }, { collection: 'notes', ...strictSchemaOptions });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lmc-hardening-'));
  store = await startEmbeddedStore({ dataDir });
  connection = await connectStore({ uri: store.uri, dbName: 'lmc_hardening_test', monitorCommands: true });
  connection.getClient().on('commandStarted', (e) => commands.push({ name: e.commandName, command: e.command as Record<string, unknown> }));
  await connection.model('Note', noteSchema).create([{ _id: 'a', title: 'water' }, { _id: 'b', title: '{"$gt": ""}' }]);
});
afterAll(async () => {
  await connection?.close();
  await store?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('store connection hardening', () => {
  it('sends maxTimeMS with every find, count and aggregate', async () => {
    const notes = connection.model('Note');
    commands.length = 0;
    await notes.find({ title: 'water' }).lean();
    await notes.countDocuments({});
    await notes.aggregate([{ $match: { title: 'water' } }]);
    const reads = commands.filter((c) => ['find', 'count', 'aggregate'].includes(c.name));
    // countDocuments runs as an aggregate.
    expect(reads.map((c) => c.name).sort()).toEqual(['aggregate', 'aggregate', 'find']);
    for (const c of reads) expect(c.command.maxTimeMS, c.name).toBe(DEFAULT_QUERY_MAX_TIME_MS);
  });

  it('treats an operator object arriving as a value as a literal, not as an operator', async () => {
    const notes = connection.model('Note');
    const hostile = JSON.parse('{"$gt": ""}');
    // sanitizeFilter wraps it in $eq, which the string path then refuses to cast: an error, never a match-all.
    await expect(notes.find({ title: hostile }).lean()).rejects.toThrow(/Cast to string failed/);
    expect((await notes.find({ title: '{"$gt": ""}' }).lean()).map((n) => n._id)).toEqual(['b']);
  });

  it('refuses unknown paths in filters and in writes', async () => {
    const notes = connection.model('Note');
    await expect(notes.find({ $where: 'sleep(1000)' } as never).lean()).rejects.toThrow();
    await expect(notes.find({ owner: 'x' } as never).lean()).rejects.toThrow(/owner/);
    await expect(notes.create({ _id: 'c', title: 't', owner: 'x' })).rejects.toThrow(/owner/);
    expect(await notes.countDocuments({ _id: 'c' })).toBe(0);
  });
});
