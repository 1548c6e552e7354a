// What one project adds to the rollups, as pure data: the counting rules of
// projectAggregates live here (and in the schema's description). Unlike the
// one-document-per-cell rollups of platform-kit/cell-deltas.ts, project cells
// are nested in one document per country scope: a project with flows over
// several years touches dozens of cells, and FerretDB pays per updated
// document, so a write costs at most 7 $inc updates however many cells move.
import { totalKeyOf, type ProjectRecord } from './project-model.js';
import type { ProjectStatusCode } from './economy-codes.js';
import { ALL_COUNTRIES, type CellMeasures, type ProjectRollupCellRecord, type ProjectRollupRecord } from './project-rollup-models.js';

export type CellDims = Omit<ProjectRollupCellRecord, keyof CellMeasures>;
export interface CellDelta extends CellDims, CellMeasures {
  _id: string;
}

/** Key of a cell inside its country scope's document (no '.', which MongoDB keys cannot hold). */
export const cellKey = (d: Omit<CellDims, 'countryCode'>) =>
  `${d.year ?? '-'}|${d.sectorCode.replace(/\./g, '_')}|${d.status}|${d.synthetic ? 's' : 'r'}`;

export const cellId = (d: CellDims) => `${d.countryCode}/${cellKey(d)}`;

/** The cells of stored rollup documents, with their dimensions. */
export function cellsOf(docs: ProjectRollupRecord[]): ProjectRollupCellRecord[] {
  return docs.flatMap((doc) =>
    Object.entries(doc.cells ?? {}).map(([key, m]) => {
      const [year, sector, status, synthetic] = key.split('|');
      return {
        countryCode: doc._id,
        sectorCode: sector.replace(/_/g, '.'),
        status: status as ProjectStatusCode,
        year: year === '-' ? null : Number(year),
        synthetic: synthetic === 's',
        projectCount: m.projectCount ?? 0,
        committedUsd: m.committedUsd ?? 0,
        disbursedUsd: m.disbursedUsd ?? 0,
        expendedUsd: m.expendedUsd ?? 0,
      };
    }),
  );
}

const emptyMeasures = (): CellMeasures => ({ projectCount: 0, committedUsd: 0, disbursedUsd: 0, expendedUsd: 0 });

/** Accumulates signed cell contributions of many projects (sign -1 removes an old version). */
export class CellDeltas {
  readonly cells = new Map<string, CellDelta>();

  private cell(countryCode: string, p: ProjectRecord, year: number | null): CellDelta {
    const dims = { countryCode, sectorCode: p.sectorCode, status: p.status, year, synthetic: p.provenance.synthetic };
    const id = cellId(dims);
    let c = this.cells.get(id);
    if (!c) this.cells.set(id, (c = { _id: id, ...dims, ...emptyMeasures() }));
    return c;
  }

  /**
   * Rule: in the ALL cells a project counts once with its full amounts; in a
   * country's cells it counts once and its amounts are weighted by that
   * country's percentage. The count goes to the start year, each flow's
   * amount to its value-date year.
   */
  add(p: ProjectRecord, sign: 1 | -1): void {
    const scopes: Array<[string, number]> = [
      [ALL_COUNTRIES, 1],
      ...p.participatingCountries.map((c): [string, number] => [c.countryCode, c.percentage / 100]),
    ];
    for (const [scope, weight] of scopes) {
      this.cell(scope, p, p.startYear).projectCount += sign;
      for (const f of p.flows) this.cell(scope, p, f.valueDate.getUTCFullYear())[totalKeyOf[f.type]] += sign * weight * f.usdAmount;
    }
  }

  /** Cells whose delta is not all zero. */
  nonZero(): CellDelta[] {
    return [...this.cells.values()].filter((c) => c.projectCount !== 0 || c.committedUsd !== 0 || c.disbursedUsd !== 0 || c.expendedUsd !== 0);
  }
}

/** Per-action project count deltas. */
export function actionCountDeltas(olds: ProjectRecord[], news: ProjectRecord[]): Map<number, number> {
  const deltas = new Map<number, number>();
  for (const p of olds) for (const n of new Set(p.actionNumbers)) deltas.set(n, (deltas.get(n) ?? 0) - 1);
  for (const p of news) for (const n of new Set(p.actionNumbers)) deltas.set(n, (deltas.get(n) ?? 0) + 1);
  return new Map([...deltas].filter(([, d]) => d !== 0));
}
