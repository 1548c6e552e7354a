// Code lists of the economy pillar (GraphQL enums mirror these) and the 4.2.x
// sections of the plan, which serve as project sectors.
import { memberCountries, plan, type LocalizedText } from '../../plan-data/index.js';

export const projectStatuses = ['PIPELINE', 'IMPLEMENTATION', 'COMPLETED', 'CANCELLED', 'SUSPENDED'] as const;
export type ProjectStatusCode = (typeof projectStatuses)[number];

export const fundingSources = ['LMC_SPECIAL_FUND', 'NATIONAL_BUDGET', 'ADB', 'AIIB', 'OTHER'] as const;
export type FundingSourceCode = (typeof fundingSources)[number];

export const flowTypes = ['COMMITMENT', 'DISBURSEMENT', 'EXPENDITURE'] as const;
export type FlowTypeCode = (typeof flowTypes)[number];

export const countryCodes = memberCountries.map((c) => c.code).sort();

export interface SectorInfo {
  code: string;
  title: LocalizedText;
}

/** The subsections of 4.2 (4.2.1 .. 4.2.10), in numeric order. */
export const sectors: SectorInfo[] = plan.sections
  .filter((s) => s.parent === '4.2')
  .map((s) => ({ code: s.code, title: s.title }))
  .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));

export const sectorByCode = new Map(sectors.map((s) => [s.code, s]));

/** Action numbers of each 4.2.x sector (real plan data). */
export const actionNumbersBySector = new Map(
  sectors.map((s) => [s.code, plan.actions.filter((a) => a.subgraph === 'economy' && a.section === s.code).map((a) => a.number)]),
);
