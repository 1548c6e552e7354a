// The write module for exchange programmes and events: every insert, update
// and delete goes through here, so the records and their rollups (exchange,
// event and action cells) change together. Upserts are by _id (rerunnable);
// rollups move by the difference between a record's old and new
// contributions. Each write runs under the 'activities' guard: if it stops
// half-way, repairRollupsIfDirty rebuilds the cells from the records.
import { trusted, type Model } from 'mongoose';
import type { EventRecord, ExchangeProgrammeRecord } from './activity-records.js';
import { programmeCountryCodes } from './activity-records.js';
import { eventContributions, programmeContributions } from './activity-contributions.js';
import type { Models } from './models.js';
import { checkEvent, checkProgramme } from './record-checks.js';
import { guardedWrite } from './rollup-guard.js';
import { bulkWriteInChunks, sameRecord } from '../../platform-kit/bulk-writes.js';
import { addContributions, applyDeltas, type CellDeltas } from './rollup-deltas.js';

export const WRITE_BATCH = 2000;

type ActivityModels = Pick<Models, 'programmes' | 'events' | 'exchangeCells' | 'eventCells' | 'actionCells' | 'rollupGuards'>;

const findByIds = <T>(model: Model<T>, ids: string[]) => model.find({ _id: trusted({ $in: ids }) }).lean() as unknown as Promise<T[]>;

/** Inserts the new records and replaces the changed ones; identical ones are left alone (a rerun writes nothing). */
async function writeRecords<T extends { _id: string }>(model: Model<T>, records: T[], old: T[]) {
  const stored = new Map(old.map((r) => [r._id, r]));
  const fresh = records.filter((r) => !stored.has(r._id));
  const changed = records.filter((r) => stored.has(r._id) && !sameRecord(stored.get(r._id), r));
  if (fresh.length) await model.bulkWrite(fresh.map((r) => ({ insertOne: { document: r } })) as never, { ordered: false });
  await bulkWriteInChunks(model, changed.map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r } })));
}

/** Inserts or replaces programmes (by _id) and moves the exchange and action cells by the difference. */
export async function upsertProgrammes(models: ActivityModels, records: ExchangeProgrammeRecord[]): Promise<void> {
  const normalised = records.map((r) => ({ ...r, countryCodes: programmeCountryCodes(r) }));
  normalised.forEach(checkProgramme);
  await guardedWrite(models.rollupGuards, 'activities', async () => {
    for (let i = 0; i < normalised.length; i += WRITE_BATCH) {
      const batch = normalised.slice(i, i + WRITE_BATCH);
      const old = await findByIds(models.programmes, batch.map((r) => r._id));
      const exchange: CellDeltas = new Map();
      const actions: CellDeltas = new Map();
      for (const [records, sign] of [[old, -1], [batch, 1]] as const) {
        for (const r of records) {
          const c = programmeContributions(r);
          addContributions(exchange, c.exchange, sign);
          addContributions(actions, c.actions, sign);
        }
      }
      await writeRecords(models.programmes, batch, old);
      await applyDeltas(models.exchangeCells, exchange);
      await applyDeltas(models.actionCells, actions);
    }
  });
}

/** Deletes programmes by id (unknown ids are ignored) and takes them out of the cells. */
export async function deleteProgrammes(models: ActivityModels, ids: string[]): Promise<number> {
  return guardedWrite(models.rollupGuards, 'activities', async () => {
    const old = await findByIds(models.programmes, ids);
    const exchange: CellDeltas = new Map();
    const actions: CellDeltas = new Map();
    for (const r of old) {
      const c = programmeContributions(r);
      addContributions(exchange, c.exchange, -1);
      addContributions(actions, c.actions, -1);
    }
    if (old.length) await models.programmes.deleteMany({ _id: trusted({ $in: old.map((r) => r._id) }) });
    await applyDeltas(models.exchangeCells, exchange);
    await applyDeltas(models.actionCells, actions);
    return old.length;
  });
}

/** Inserts or replaces events (by _id) and moves the event and action cells by the difference. */
export async function upsertEvents(models: ActivityModels, records: EventRecord[]): Promise<void> {
  records.forEach(checkEvent);
  await guardedWrite(models.rollupGuards, 'activities', async () => {
    for (let i = 0; i < records.length; i += WRITE_BATCH) {
      const batch = records.slice(i, i + WRITE_BATCH);
      const old = await findByIds(models.events, batch.map((r) => r._id));
      const events: CellDeltas = new Map();
      const actions: CellDeltas = new Map();
      for (const [list, sign] of [[old, -1], [batch, 1]] as const) {
        for (const r of list) {
          const c = eventContributions(r);
          addContributions(events, c.events, sign);
          addContributions(actions, c.actions, sign);
        }
      }
      await writeRecords(models.events, batch, old);
      await applyDeltas(models.eventCells, events);
      await applyDeltas(models.actionCells, actions);
    }
  });
}

/** Deletes events by id (unknown ids are ignored) and takes them out of the cells. */
export async function deleteEvents(models: ActivityModels, ids: string[]): Promise<number> {
  return guardedWrite(models.rollupGuards, 'activities', async () => {
    const old = await findByIds(models.events, ids);
    const events: CellDeltas = new Map();
    const actions: CellDeltas = new Map();
    for (const r of old) {
      const c = eventContributions(r);
      addContributions(events, c.events, -1);
      addContributions(actions, c.actions, -1);
    }
    if (old.length) await models.events.deleteMany({ _id: trusted({ $in: old.map((r) => r._id) }) });
    await applyDeltas(models.eventCells, events);
    await applyDeltas(models.actionCells, actions);
    return old.length;
  });
}
