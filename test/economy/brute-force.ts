// Brute-force answers computed straight from raw records, to check rollups against.
import type { ProjectRecord } from '../../subgraphs/economy/project-model.js';

type Dim = 'COUNTRY' | 'SECTOR' | 'STATUS' | 'YEAR';
export interface AggRow {
  countryCode: string | null;
  sectorCode: string | null;
  status: string | null;
  year: number | null;
  projectCount: number;
  committedUsd: number;
  disbursedUsd: number;
  expendedUsd: number;
}

const measureOf = { COMMITMENT: 'committedUsd', DISBURSEMENT: 'disbursedUsd', EXPENDITURE: 'expendedUsd' } as const;

/** The documented rule, applied record by record. */
export function bruteAggregates(projects: ProjectRecord[], groupBy: Dim[], filter: { countryCode?: string; yearFrom?: number; yearTo?: number } = {}) {
  const byCountry = groupBy.includes('COUNTRY') || filter.countryCode != null;
  const rows = new Map<string, AggRow>();
  const inYear = (y: number | null) => (filter.yearFrom == null || (y != null && y >= filter.yearFrom)) && (filter.yearTo == null || (y != null && y <= filter.yearTo));
  const row = (country: string | null, p: ProjectRecord, year: number | null) => {
    const key = {
      countryCode: groupBy.includes('COUNTRY') ? country : null,
      sectorCode: groupBy.includes('SECTOR') ? p.sectorCode : null,
      status: groupBy.includes('STATUS') ? p.status : null,
      year: groupBy.includes('YEAR') ? year : null,
    };
    const id = JSON.stringify(key);
    const r = rows.get(id) ?? { ...key, projectCount: 0, committedUsd: 0, disbursedUsd: 0, expendedUsd: 0 };
    rows.set(id, r);
    return r;
  };
  for (const p of projects) {
    const scopes: Array<[string | null, number]> = byCountry ? p.participatingCountries.map((c) => [c.countryCode, c.percentage / 100]) : [[null, 1]];
    for (const [country, w] of scopes) {
      if (filter.countryCode != null && country !== filter.countryCode) continue;
      if (inYear(p.startYear)) row(country, p, p.startYear).projectCount += 1;
      for (const f of p.flows) {
        const y = f.valueDate.getUTCFullYear();
        if (inYear(y)) row(country, p, y)[measureOf[f.type]] += w * f.usdAmount;
      }
    }
  }
  return [...rows.values()].filter((r) => r.projectCount || r.committedUsd || r.disbursedUsd || r.expendedUsd);
}

/** Compares aggregate rows ignoring order, amounts to a relative 1e-9. */
export function expectSameRows(actual: AggRow[], expected: AggRow[], expectFn: (v: unknown, msg?: string) => any) {
  const key = (r: AggRow) => JSON.stringify([r.countryCode, r.sectorCode, r.status, r.year]);
  const exp = new Map(expected.map((r) => [key(r), r]));
  expectFn(actual.map(key).sort(), 'row keys').toEqual([...exp.keys()].sort());
  for (const a of actual) {
    const e = exp.get(key(a))!;
    expectFn(a.projectCount, `count ${key(a)}`).toBe(e.projectCount);
    for (const m of ['committedUsd', 'disbursedUsd', 'expendedUsd'] as const) {
      expectFn(Math.abs(a[m] - e[m]) <= 1e-6 * Math.max(1, Math.abs(e[m])), `${m} ${key(a)}: ${a[m]} vs ${e[m]}`).toBe(true);
    }
  }
}

/** Top projects by committed USD (ties by id), brute force. */
export const bruteTop = (projects: ProjectRecord[], n: number) =>
  [...projects].sort((a, b) => b.totals.committedUsd - a.totals.committedUsd || (a._id < b._id ? -1 : 1)).slice(0, n).map((p) => p._id);
