// Typed GraphQL filter inputs → store filters. Only values from typed inputs
// reach a filter; operator objects are built here, hence trusted().
import { trusted } from 'mongoose';
import { badUserInput } from '../../platform-kit/input-errors.js';
import type { ProjectFilter, WaterStationFilter } from './generated/resolvers-types.js';

/** Archived projects are in no list (records stored before auditing have no `archived` field). */
export const activeProjects = () => ({ archived: trusted({ $ne: true }) });

export function projectStoreFilter(f: ProjectFilter | null | undefined): Record<string, unknown> {
  const filter: Record<string, unknown> = activeProjects();
  if (!f) return filter;
  if (f.countryCode != null) filter.countryCodes = f.countryCode;
  if (f.sectorCode != null) filter.sectorCode = f.sectorCode;
  if (f.status != null) filter.status = f.status;
  if (f.fundingSource != null) filter.fundingSource = f.fundingSource;
  if (f.actionNumber != null) filter.actionNumbers = f.actionNumber;
  if (f.synthetic != null) filter['provenance.synthetic'] = f.synthetic;
  if (f.startYear != null && (f.startYearFrom != null || f.startYearTo != null)) {
    throw badUserInput('filter.startYear', 'either startYear or startYearFrom/startYearTo, not both');
  }
  if (f.startYear != null) filter.startYear = f.startYear;
  const range: Record<string, number> = {};
  if (f.startYearFrom != null) range.$gte = f.startYearFrom;
  if (f.startYearTo != null) range.$lte = f.startYearTo;
  if (Object.keys(range).length) filter.startYear = trusted(range);
  return filter;
}

export function stationStoreFilter(f: WaterStationFilter | null | undefined): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (!f) return filter;
  if (f.countryCode != null) filter.countryCode = f.countryCode;
  if (f.river != null) filter.river = f.river;
  if (f.property != null) filter.properties = f.property;
  if (f.synthetic != null) filter['provenance.synthetic'] = f.synthetic;
  return filter;
}
