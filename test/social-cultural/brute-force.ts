// Independent recomputations from raw records, to check what the API serves
// from rollups. Deliberately written without the subgraph's rollup code.
import type { EventRecord, ExchangeProgrammeRecord } from '../../subgraphs/social-cultural/activity-records.js';

type Dim = 'COUNTRY' | 'KIND' | 'YEAR';
const order = (a: any, b: any) =>
  (a.countryCode ?? '').localeCompare(b.countryCode ?? '') || (a.kind ?? '').localeCompare(b.kind ?? '') || (a.year ?? 0) - (b.year ?? 0);

export function bruteExchangeAggregates(
  programmes: ExchangeProgrammeRecord[],
  groupBy: Dim[],
  filter: { countryCode?: string; kind?: string; year?: number } = {},
) {
  const byCountry = groupBy.includes('COUNTRY') || filter.countryCode != null;
  const rows = new Map<string, any>();
  const add = (countryCode: string | null, p: ExchangeProgrammeRecord, groups: ExchangeProgrammeRecord['participants']) => {
    const key = {
      countryCode: groupBy.includes('COUNTRY') ? countryCode : null,
      kind: groupBy.includes('KIND') ? p.kind : null,
      year: groupBy.includes('YEAR') ? p.year : null,
    };
    const id = JSON.stringify(key);
    const row = rows.get(id) ?? { ...key, programmeCount: 0, participants: 0, female: null, male: null };
    row.programmeCount += 1;
    for (const g of groups) {
      row.participants += g.total;
      if (g.female != null) row.female = (row.female ?? 0) + g.female;
      if (g.male != null) row.male = (row.male ?? 0) + g.male;
    }
    rows.set(id, row);
  };
  for (const p of programmes) {
    if (filter.kind != null && p.kind !== filter.kind) continue;
    if (filter.year != null && p.year !== filter.year) continue;
    if (!byCountry) add(null, p, p.participants);
    else for (const g of p.participants) if (filter.countryCode == null || g.countryCode === filter.countryCode) add(g.countryCode, p, [g]);
  }
  return [...rows.values()].sort(order);
}

export function bruteEventAggregates(events: EventRecord[], groupBy: Dim[], filter: { countryCode?: string; kind?: string; year?: number } = {}) {
  const rows = new Map<string, any>();
  for (const e of events) {
    if (filter.kind != null && e.kind !== filter.kind) continue;
    if (filter.year != null && e.startDate.getUTCFullYear() !== filter.year) continue;
    if (filter.countryCode != null && e.place.countryCode !== filter.countryCode) continue;
    const key = {
      countryCode: groupBy.includes('COUNTRY') ? e.place.countryCode : null,
      kind: groupBy.includes('KIND') ? e.kind : null,
      year: groupBy.includes('YEAR') ? e.startDate.getUTCFullYear() : null,
    };
    const id = JSON.stringify(key);
    rows.set(id, { ...key, eventCount: (rows.get(id)?.eventCount ?? 0) + 1 });
  }
  return [...rows.values()].sort(order);
}

export type BucketName = 'DAY' | 'MONTH' | 'QUARTER' | 'YEAR';

function bucketOf(t: Date, bucket: BucketName): [Date, Date] {
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  const d = t.getUTCDate();
  if (bucket === 'DAY') return [new Date(Date.UTC(y, m, d)), new Date(Date.UTC(y, m, d + 1))];
  if (bucket === 'MONTH') return [new Date(Date.UTC(y, m, 1)), new Date(Date.UTC(y, m + 1, 1))];
  if (bucket === 'QUARTER') {
    const q = Math.floor(m / 3) * 3;
    return [new Date(Date.UTC(y, q, 1)), new Date(Date.UTC(y, q + 3, 1))];
  }
  return [new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y + 1, 0, 1))];
}

/** Buckets over [from, to) as the API returns them (ISO strings), empty buckets omitted. */
export function bruteBuckets(obs: Array<{ time: Date; value: number }>, from: Date, to: Date, bucket: BucketName) {
  const buckets = new Map<number, { start: Date; end: Date; values: number[] }>();
  for (const o of obs) {
    if (o.time < from || o.time >= to) continue;
    const [start, end] = bucketOf(o.time, bucket);
    const b = buckets.get(start.getTime()) ?? { start, end, values: [] };
    b.values.push(o.value);
    buckets.set(start.getTime(), b);
  }
  return [...buckets.values()]
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((b) => {
      const sum = b.values.reduce((x, y) => x + y, 0);
      return {
        start: b.start.toISOString(),
        end: b.end.toISOString(),
        count: b.values.length,
        min: Math.min(...b.values),
        max: Math.max(...b.values),
        mean: sum / b.values.length,
        sum,
      };
    });
}
