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
import { addContributions, applyDeltas, type CellContribution, type CellDeltas } from '../../platform-kit/cell-deltas.js';

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

/** A kind of activity record: its collection, its own rollup cells, and what a record adds to those and to the action cells. */
interface ActivityFamily<T extends { _id: string }> {
  records: Model<T>;
  cells: Model<any>;
  contributions: (r: T) => { own: CellContribution[]; actions: CellContribution[] };
}

const programmeFamily = (m: ActivityModels): ActivityFamily<ExchangeProgrammeRecord> => ({
  records: m.programmes,
  cells: m.exchangeCells,
  contributions: (r) => {
    const c = programmeContributions(r);
    return { own: c.exchange, actions: c.actions };
  },
});

const eventFamily = (m: ActivityModels): ActivityFamily<EventRecord> => ({
  records: m.events,
  cells: m.eventCells,
  contributions: (r) => {
    const c = eventContributions(r);
    return { own: c.events, actions: c.actions };
  },
});

/** Cell deltas of removing `removed` and adding `added`. */
function deltasOf<T extends { _id: string }>(family: ActivityFamily<T>, removed: T[], added: T[]) {
  const own: CellDeltas = new Map();
  const actions: CellDeltas = new Map();
  for (const [list, sign] of [[removed, -1], [added, 1]] as const) {
    for (const r of list) {
      const c = family.contributions(r);
      addContributions(own, c.own, sign);
      addContributions(actions, c.actions, sign);
    }
  }
  return { own, actions };
}

async function upsertActivities<T extends { _id: string }>(models: ActivityModels, family: ActivityFamily<T>, records: T[]): Promise<void> {
  await guardedWrite(models.rollupGuards, 'activities', async () => {
    for (let i = 0; i < records.length; i += WRITE_BATCH) {
      const batch = records.slice(i, i + WRITE_BATCH);
      const old = await findByIds(family.records, batch.map((r) => r._id));
      const deltas = deltasOf(family, old, batch);
      await writeRecords(family.records, batch, old);
      await applyDeltas(family.cells, deltas.own);
      await applyDeltas(models.actionCells, deltas.actions);
    }
  });
}

async function deleteActivities<T extends { _id: string }>(models: ActivityModels, family: ActivityFamily<T>, ids: string[]): Promise<number> {
  return guardedWrite(models.rollupGuards, 'activities', async () => {
    const old = await findByIds(family.records, ids);
    const deltas = deltasOf(family, old, []);
    if (old.length) await family.records.deleteMany({ _id: trusted({ $in: old.map((r) => r._id) }) } as never);
    await applyDeltas(family.cells, deltas.own);
    await applyDeltas(models.actionCells, deltas.actions);
    return old.length;
  });
}

/** Inserts or replaces programmes (by _id) and moves the exchange and action cells by the difference. */
export async function upsertProgrammes(models: ActivityModels, records: ExchangeProgrammeRecord[]): Promise<void> {
  const normalised = records.map((r) => ({ ...r, countryCodes: programmeCountryCodes(r) }));
  normalised.forEach(checkProgramme);
  await upsertActivities(models, programmeFamily(models), normalised);
}

/** Deletes programmes by id (unknown ids are ignored) and takes them out of the cells. */
export const deleteProgrammes = (models: ActivityModels, ids: string[]) => deleteActivities(models, programmeFamily(models), ids);

/** Inserts or replaces events (by _id) and moves the event and action cells by the difference. */
export async function upsertEvents(models: ActivityModels, records: EventRecord[]): Promise<void> {
  records.forEach(checkEvent);
  await upsertActivities(models, eventFamily(models), records);
}

/** Deletes events by id (unknown ids are ignored) and takes them out of the cells. */
export const deleteEvents = (models: ActivityModels, ids: string[]) => deleteActivities(models, eventFamily(models), ids);
