// What one programme or event contributes to the rollup cells (see rollup-records.ts).
import type { EventRecord, ExchangeProgrammeRecord } from './activity-records.js';
import type { CellContribution } from '../../platform-kit/cell-deltas.js';
import { ALL_COUNTRIES, cellId } from './rollup-records.js';

const participantCounts = (groups: ExchangeProgrammeRecord['participants']) => ({
  participants: groups.reduce((n, g) => n + g.total, 0),
  female: groups.reduce((n, g) => n + (g.female ?? 0), 0),
  male: groups.reduce((n, g) => n + (g.male ?? 0), 0),
  femaleReported: groups.filter((g) => g.female != null).length,
  maleReported: groups.filter((g) => g.male != null).length,
});

/** One cell per sending country (participants counted in their own country), one '*' cell, one per action; none when archived. */
export function programmeContributions(p: ExchangeProgrammeRecord): { exchange: CellContribution[]; actions: CellContribution[] } {
  if (p.archived) return { exchange: [], actions: [] };
  const cell = (countryCode: string, groups: ExchangeProgrammeRecord['participants']): CellContribution => ({
    _id: cellId(countryCode, p.kind, p.year),
    keys: { countryCode, kind: p.kind, year: p.year },
    counts: { programmeCount: 1, ...participantCounts(groups) },
  });
  return {
    exchange: [cell(ALL_COUNTRIES, p.participants), ...p.participants.map((g) => cell(g.countryCode, [g]))],
    actions: p.actionNumbers.map((n) => ({ _id: n, keys: {}, counts: { programmeCount: 1 } })),
  };
}

/** One cell in the place's country and start year, one per action; none when archived. */
export function eventContributions(e: EventRecord): { events: CellContribution[]; actions: CellContribution[] } {
  if (e.archived) return { events: [], actions: [] };
  const countryCode = e.place.countryCode;
  return {
    events: [{ _id: cellId(countryCode, e.kind, e.year), keys: { countryCode, kind: e.kind, year: e.year }, counts: { eventCount: 1 } }],
    actions: e.actionNumbers.map((n) => ({ _id: n, keys: {}, counts: { eventCount: 1 } })),
  };
}
