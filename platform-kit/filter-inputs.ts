// Turning typed GraphQL filter inputs into store filters: validated values
// only, and operator objects built here (trusted past sanitizeFilter).
import { trusted } from 'mongoose';
import { memberCountries } from '../plan-data/index.js';
import { badUserInput } from './input-errors.js';

const memberCodes = new Set(memberCountries.map((c) => c.code));

/** A member's ISO code, upper-cased; anything else is a BAD_USER_INPUT naming the field. */
export function memberCode(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!memberCodes.has(code)) throw badUserInput(field, `one of the member codes ${[...memberCodes].join(', ')}`);
  return code;
}

export function checkedYear(field: string, year: number): number {
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw badUserInput(field, 'a year from 1990 to 2100');
  return year;
}

/** [from, to) as a store range on a Date field; year is shorthand for that calendar year (UTC). */
export function dateRange(args: { year?: number | null; from?: Date | null; to?: Date | null }, yearField = 'year') {
  let from = args.from ?? null;
  let to = args.to ?? null;
  if (args.year != null) {
    const y = checkedYear(yearField, args.year);
    from = new Date(Date.UTC(y, 0, 1));
    to = new Date(Date.UTC(y + 1, 0, 1));
  }
  if (from && to && !(to > from)) throw badUserInput('to', 'a DateTime after from');
  if (!from && !to) return undefined;
  return trusted({ ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) });
}

/** Drops undefined entries so absent filter fields do not constrain the query. */
export const compactFilter = (filter: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== null));
