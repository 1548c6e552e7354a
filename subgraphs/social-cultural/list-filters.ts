// Typed GraphQL filter inputs → store filters. Only values from typed inputs
// reach a filter; operator objects are built here, hence trusted(). Archived
// records are in no list.
import { trusted } from 'mongoose';
import { notArchived } from './activity-records.js';

export interface ProgrammeFilterInput {
  kind?: string | null;
  countryCode?: string | null;
  year?: number | null;
  actionNumber?: number | null;
  synthetic?: boolean | null;
}

export interface EventFilterInput {
  kind?: string | null;
  countryCode?: string | null;
  from?: Date | null;
  to?: Date | null;
  year?: number | null;
  actionNumber?: number | null;
  synthetic?: boolean | null;
}

export function programmeFilter(f: ProgrammeFilterInput | null | undefined): Record<string, unknown> {
  const filter: Record<string, unknown> = notArchived();
  if (!f) return filter;
  if (f.kind != null) filter.kind = f.kind;
  if (f.countryCode != null) filter.countryCodes = f.countryCode.toUpperCase();
  if (f.year != null) filter.year = f.year;
  if (f.actionNumber != null) filter.actionNumbers = f.actionNumber;
  if (f.synthetic != null) filter['provenance.synthetic'] = f.synthetic;
  return filter;
}

export function eventFilter(f: EventFilterInput | null | undefined): Record<string, unknown> {
  const filter: Record<string, unknown> = notArchived();
  if (!f) return filter;
  if (f.kind != null) filter.kind = f.kind;
  if (f.countryCode != null) filter['place.countryCode'] = f.countryCode.toUpperCase();
  if (f.year != null) filter.year = f.year;
  if (f.from != null || f.to != null) {
    filter.startDate = trusted({ ...(f.from != null ? { $gte: f.from } : {}), ...(f.to != null ? { $lt: f.to } : {}) });
  }
  if (f.actionNumber != null) filter.actionNumbers = f.actionNumber;
  if (f.synthetic != null) filter['provenance.synthetic'] = f.synthetic;
  return filter;
}
