// projectAggregates from the rollup cells: the cells read are bounded by
// countries × sectors × statuses × years, whatever the number of projects.
import type { ProjectAggregate, ProjectAggregateFilter, ProjectDimension } from './generated/resolvers-types.js';
import { ALL_COUNTRIES, type ProjectRollupCellRecord } from './project-rollup-models.js';

/** Rollup rows smaller than half a cent are float residue of added and removed amounts. */
const isZero = (x: number) => Math.abs(x) < 0.005;

/** Whether to read the per-country cells (a project once per country) or the ALL cells (once). */
export const needsCountryCells = (groupBy: readonly ProjectDimension[], filter?: ProjectAggregateFilter | null) =>
  groupBy.includes('COUNTRY') || filter?.countryCode != null;

export function cellMatches(c: ProjectRollupCellRecord, filter: ProjectAggregateFilter | null | undefined, countryCells: boolean): boolean {
  if (countryCells ? c.countryCode === ALL_COUNTRIES : c.countryCode !== ALL_COUNTRIES) return false;
  if (!filter) return true;
  if (filter.countryCode != null && c.countryCode !== filter.countryCode) return false;
  if (filter.sectorCode != null && c.sectorCode !== filter.sectorCode) return false;
  if (filter.status != null && c.status !== filter.status) return false;
  if (filter.synthetic != null && c.synthetic !== filter.synthetic) return false;
  if ((filter.yearFrom != null || filter.yearTo != null) && c.year === null) return false;
  if (filter.yearFrom != null && c.year! < filter.yearFrom) return false;
  if (filter.yearTo != null && c.year! > filter.yearTo) return false;
  return true;
}

export function groupCells(cells: ProjectRollupCellRecord[], groupBy: readonly ProjectDimension[]): ProjectAggregate[] {
  const dims = new Set(groupBy);
  const rows = new Map<string, ProjectAggregate>();
  for (const c of cells) {
    const key = {
      countryCode: dims.has('COUNTRY') ? c.countryCode : null,
      sectorCode: dims.has('SECTOR') ? c.sectorCode : null,
      status: dims.has('STATUS') ? c.status : null,
      year: dims.has('YEAR') ? c.year : null,
    };
    const id = JSON.stringify(key);
    const row = rows.get(id) ?? { ...key, projectCount: 0, committedUsd: 0, disbursedUsd: 0, expendedUsd: 0 };
    row.projectCount += c.projectCount;
    row.committedUsd += c.committedUsd;
    row.disbursedUsd += c.disbursedUsd;
    row.expendedUsd += c.expendedUsd;
    rows.set(id, row);
  }
  const cmp = (a: string | number | null | undefined, b: string | number | null | undefined) =>
    a == null ? (b == null ? 0 : 1) : b == null ? -1 : typeof a === 'number' ? a - (b as number) : String(a).localeCompare(String(b), 'en', { numeric: true });
  return [...rows.values()]
    .filter((r) => r.projectCount !== 0 || !isZero(r.committedUsd) || !isZero(r.disbursedUsd) || !isZero(r.expendedUsd))
    .map((r) => ({
      ...r,
      committedUsd: isZero(r.committedUsd) ? 0 : r.committedUsd,
      disbursedUsd: isZero(r.disbursedUsd) ? 0 : r.disbursedUsd,
      expendedUsd: isZero(r.expendedUsd) ? 0 : r.expendedUsd,
    }))
    .sort((a, b) => cmp(a.countryCode, b.countryCode) || cmp(a.sectorCode, b.sectorCode) || cmp(a.status, b.status) || cmp(a.year, b.year));
}
