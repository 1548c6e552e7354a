// Aggregates served from the rollup cells (rollup-records.ts): one query over
// at most a few hundred small documents, grouped in memory.
import type { ExchangeCellRecord, EventCellRecord } from './rollup-records.js';
import { ALL_COUNTRIES } from './rollup-records.js';
import type { Models } from './models.js';

export type Dimension = 'COUNTRY' | 'KIND' | 'YEAR';

export interface ExchangeAggregateRow {
  countryCode: string | null;
  kind: ExchangeCellRecord['kind'] | null;
  year: number | null;
  programmeCount: number;
  participants: number;
  female: number | null;
  male: number | null;
}

export interface EventAggregateRow {
  countryCode: string | null;
  kind: EventCellRecord['kind'] | null;
  year: number | null;
  eventCount: number;
}

export interface CellFilter {
  countryCode?: string | null;
  kind?: string | null;
  year?: number | null;
}

const cellQuery = (f: CellFilter | null | undefined) => {
  const q: Record<string, unknown> = {};
  if (f?.kind != null) q.kind = f.kind;
  if (f?.year != null) q.year = f.year;
  return q;
};

function groupKey(cell: { countryCode: string; kind: string; year: number }, groupBy: Dimension[]) {
  return {
    countryCode: groupBy.includes('COUNTRY') ? cell.countryCode : null,
    kind: groupBy.includes('KIND') ? cell.kind : null,
    year: groupBy.includes('YEAR') ? cell.year : null,
  };
}

const rowOrder = (a: { countryCode: string | null; kind: string | null; year: number | null }, b: typeof a) =>
  (a.countryCode ?? '').localeCompare(b.countryCode ?? '') || (a.kind ?? '').localeCompare(b.kind ?? '') || (a.year ?? 0) - (b.year ?? 0);

/**
 * Rows by the asked dimensions. Per-country cells when grouping by or
 * filtering on a country (a programme counts in each sending country);
 * otherwise the '*' cells, where each programme counts once.
 */
export async function exchangeAggregates(models: Pick<Models, 'exchangeCells'>, groupBy: Dimension[], filter?: CellFilter | null): Promise<ExchangeAggregateRow[]> {
  const byCountry = groupBy.includes('COUNTRY') || filter?.countryCode != null;
  const q = cellQuery(filter);
  if (!byCountry) q.countryCode = ALL_COUNTRIES;
  else if (filter?.countryCode != null) q.countryCode = filter.countryCode.toUpperCase();
  const cells = (await models.exchangeCells.find(q).lean()) as ExchangeCellRecord[];
  const rows = new Map<string, ExchangeAggregateRow & { femaleReported: number; maleReported: number }>();
  for (const cell of cells) {
    if (byCountry && cell.countryCode === ALL_COUNTRIES) continue;
    const key = groupKey(cell, groupBy);
    const id = JSON.stringify(key);
    const row = rows.get(id) ?? { ...(key as Omit<ExchangeAggregateRow, 'programmeCount' | 'participants' | 'female' | 'male'>), programmeCount: 0, participants: 0, female: 0, male: 0, femaleReported: 0, maleReported: 0 };
    row.programmeCount += cell.programmeCount ?? 0;
    row.participants += cell.participants ?? 0;
    row.female = (row.female ?? 0) + (cell.female ?? 0);
    row.male = (row.male ?? 0) + (cell.male ?? 0);
    row.femaleReported += cell.femaleReported ?? 0;
    row.maleReported += cell.maleReported ?? 0;
    rows.set(id, row);
  }
  return [...rows.values()]
    .filter((r) => r.programmeCount > 0)
    .map(({ femaleReported, maleReported, ...r }) => ({ ...r, female: femaleReported ? r.female : null, male: maleReported ? r.male : null }))
    .sort(rowOrder);
}

export async function eventAggregates(models: Pick<Models, 'eventCells'>, groupBy: Dimension[], filter?: CellFilter | null): Promise<EventAggregateRow[]> {
  const q = cellQuery(filter);
  if (filter?.countryCode != null) q.countryCode = filter.countryCode.toUpperCase();
  const cells = (await models.eventCells.find(q).lean()) as EventCellRecord[];
  const rows = new Map<string, EventAggregateRow>();
  for (const cell of cells) {
    const key = groupKey(cell, groupBy);
    const id = JSON.stringify(key);
    const row = rows.get(id) ?? { ...(key as Omit<EventAggregateRow, 'eventCount'>), eventCount: 0 };
    row.eventCount += cell.eventCount ?? 0;
    rows.set(id, row);
  }
  return [...rows.values()].filter((r) => r.eventCount > 0).sort(rowOrder);
}
