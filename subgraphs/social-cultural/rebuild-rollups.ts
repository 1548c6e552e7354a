// Recomputes every rollup of this subgraph from the raw records (repair after a
// crash, or a check). Streams the records, so memory is bounded by the number
// of cells and of one batch of observations, not by the number of records.
import type { EventRecord, ExchangeProgrammeRecord } from './activity-records.js';
import { eventContributions, programmeContributions } from './activity-contributions.js';
import { rebuildAllRollups } from '../../platform-kit/time-series.js';
import type { Models } from './models.js';
import { clearGuard, dirtyFamilies, type RollupFamily } from './rollup-guard.js';
import { addContributions, replaceAllCells, type CellDeltas } from '../../platform-kit/cell-deltas.js';
import { healthKind, tourismKind } from './series-writes.js';

export async function rebuildActivityRollups(models: Models): Promise<void> {
  const exchange: CellDeltas = new Map();
  const events: CellDeltas = new Map();
  const actions: CellDeltas = new Map();
  for await (const p of models.programmes.find().lean().cursor()) {
    const c = programmeContributions(p as unknown as ExchangeProgrammeRecord);
    addContributions(exchange, c.exchange, 1);
    addContributions(actions, c.actions, 1);
  }
  for await (const e of models.events.find().lean().cursor()) {
    const c = eventContributions(e as unknown as EventRecord);
    addContributions(events, c.events, 1);
    addContributions(actions, c.actions, 1);
  }
  await replaceAllCells(models.exchangeCells, exchange);
  await replaceAllCells(models.eventCells, events);
  await replaceAllCells(models.actionCells, actions);
}


export async function rebuildRollups(models: Models, families: readonly RollupFamily[] = ['activities', 'health', 'tourism']): Promise<void> {
  for (const family of families) {
    if (family === 'activities') await rebuildActivityRollups(models);
    if (family === 'health') await rebuildAllRollups(healthKind(models).rollups, healthKind(models));
    if (family === 'tourism') await rebuildAllRollups(tourismKind(models).rollups, tourismKind(models));
    await clearGuard(models.rollupGuards, family);
  }
}

/** At start-up: rebuilds the rollups of any family whose last write did not finish. */
export async function repairRollupsIfDirty(models: Models, log?: (msg: string) => void): Promise<RollupFamily[]> {
  const dirty = await dirtyFamilies(models.rollupGuards);
  if (dirty.length) {
    log?.(`rebuilding rollups after an unfinished write: ${dirty.join(', ')}`);
    await rebuildRollups(models, dirty);
  }
  return dirty;
}
