import DataLoader from 'dataloader';
import { trusted } from 'mongoose';
import { byIdLoader } from '../../platform-kit/by-id-loader.js';
import type { Principal } from '../../platform-kit/access/principal.js';
import { liveDataLoaders } from '../../platform-kit/pillar-live-data.js';
import { actionPageLoader } from './action-page-loader.js';
import type { Models } from './models.js';
import type { EventCellRecord, ExchangeCellRecord } from './rollup-records.js';
import { healthCasesLoader } from './health-cases-loader.js';

/** All rollup cells of each asked country, one query for all countries of a request. */
function cellsByCountryLoader<T extends { countryCode: string }>(find: (codes: string[]) => Promise<T[]>) {
  return new DataLoader<string, T[]>(async (codes) => {
    const cells = await find([...codes]);
    return codes.map((c) => cells.filter((cell) => cell.countryCode === c));
  });
}

/** Per-request context: the verified caller, models and fresh DataLoaders (no cross-request caching). */
export function createContext(models: Models, principal: Principal) {
  const actionCell = byIdLoader(models.actionCells);
  const loaders = {
    ...liveDataLoaders(models),
    actionCell,
    programme: byIdLoader(models.programmes),
    event: byIdLoader(models.events),
    programmesOfAction: actionPageLoader(models.programmes, async (n) => (await actionCell.load(n))?.programmeCount ?? 0),
    eventsOfAction: actionPageLoader(models.events, async (n) => (await actionCell.load(n))?.eventCount ?? 0),
    exchangeCellsByCountry: cellsByCountryLoader<ExchangeCellRecord>(
      (codes) => models.exchangeCells.find({ countryCode: trusted({ $in: codes }) }).lean() as unknown as Promise<ExchangeCellRecord[]>,
    ),
    eventCellsByCountry: cellsByCountryLoader<EventCellRecord>(
      (codes) => models.eventCells.find({ countryCode: trusted({ $in: codes }) }).lean() as unknown as Promise<EventCellRecord[]>,
    ),
    healthCases: healthCasesLoader(models.healthRollups.months),
  };
  return { principal, models, loaders };
}

export type SubgraphContext = ReturnType<typeof createContext>;
