// Checks of typed write inputs shared by every pillar: each failure is a
// BAD_USER_INPUT naming the input path and what was expected. User text is
// stored as given (never parsed, never put in a filter as an operator) and
// length-capped.
import { randomUUID } from 'node:crypto';
import { trusted, type Model } from 'mongoose';
import { memberCountries, type LocalizedText } from '../plan-data/index.js';
import { badUserInput } from './input-errors.js';
import { SYNTHETIC_SOURCE, type ProvenanceRecord } from './provenance.js';

export const SHORT_TEXT_MAX = 500;
export const LONG_TEXT_MAX = 10_000;

const memberCodes = new Set(memberCountries.map((c) => c.code));

export function text(value: string, field: string, max = SHORT_TEXT_MAX): string {
  if (value.trim().length === 0) throw badUserInput(field, 'a non-empty text');
  if (value.length > max) throw badUserInput(field, `a text of at most ${max} characters`);
  return value;
}

export const localizedText = (v: { en: string; zh: string }, field: string, max = SHORT_TEXT_MAX): LocalizedText => ({
  en: text(v.en, `${field}.en`, max),
  zh: text(v.zh, `${field}.zh`, max),
});

export function memberCountry(code: string, field: string): string {
  if (!memberCodes.has(code)) throw badUserInput(field, `a member country code (${[...memberCodes].sort().join(', ')})`);
  return code;
}

export function provenance(
  v: { source: string; licence: string; recordedAt: Date; synthetic: boolean },
  field: string,
): ProvenanceRecord {
  const source = text(v.source, `${field}.source`);
  if (v.synthetic && source !== SYNTHETIC_SOURCE) throw badUserInput(`${field}.source`, `'${SYNTHETIC_SOURCE}' for synthetic data`);
  if (!v.synthetic && source === SYNTHETIC_SOURCE) throw badUserInput(`${field}.synthetic`, `true when the source is '${SYNTHETIC_SOURCE}'`);
  return { source, licence: text(v.licence, `${field}.licence`), recordedAt: v.recordedAt, synthetic: v.synthetic };
}

export function httpUrl(value: string, field: string): string {
  text(value, field, 2000);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badUserInput(field, 'an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badUserInput(field, 'an absolute http(s) URL');
  return value;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/;

/** A client-chosen record id (letters, digits, . _ : -; at most 80), or a new one with `prefix`. */
export function recordId(id: string | null | undefined, field: string, prefix: string): string {
  if (id == null) return `${prefix}-${randomUUID()}`;
  if (!ID_PATTERN.test(id)) throw badUserInput(field, 'an id of letters, digits, ".", "_", ":" or "-" (at most 80, starting with a letter or digit)');
  return id;
}

/** Same set of values, no duplicates. */
export function distinct<T>(values: T[], field: string): T[] {
  const seen = new Set<T>();
  values.forEach((v, i) => {
    if (seen.has(v)) throw badUserInput(`${field}[${i}]`, 'no duplicates');
    seen.add(v);
  });
  return values;
}

export function dateOrder(start: Date | null | undefined, end: Date | null | undefined, endField: string, startName: string): void {
  if (start && end && end < start) throw badUserInput(endField, `a date not before ${startName}`);
}

export interface ParticipantGroupInput {
  countryCode: string;
  total: number;
  female?: number | null;
  male?: number | null;
}

export interface ParticipantGroupRecord {
  countryCode: string;
  total: number;
  female: number | null;
  male: number | null;
}

/** A whole number >= 0 (counts of people, cases, arrivals). */
export const wholeNumber = (v: number, field: string) => {
  if (!Number.isInteger(v) || v < 0) throw badUserInput(field, 'a whole number >= 0');
  return v;
};

/** Participant groups: member countries, one group each, whole counts, female + male not above total. */
export function participantGroups(groups: ParticipantGroupInput[], field: string, atLeast = 1): ParticipantGroupRecord[] {
  if (groups.length < atLeast) throw badUserInput(field, `at least ${atLeast} participant group${atLeast === 1 ? '' : 's'}`);
  const records = groups.map((g, i) => {
    const at = `${field}[${i}]`;
    memberCountry(g.countryCode, `${at}.countryCode`);
    const total = wholeNumber(g.total, `${at}.total`);
    const female = g.female == null ? null : wholeNumber(g.female, `${at}.female`);
    const male = g.male == null ? null : wholeNumber(g.male, `${at}.male`);
    if ((female ?? 0) + (male ?? 0) > total) throw badUserInput(`${at}.total`, 'at least female + male');
    return { countryCode: g.countryCode, total, female, male };
  });
  distinct(records.map((g) => g.countryCode), field);
  return records;
}

/** Plan action numbers from `allowed` (described by `what`), no duplicates. */
export function actionNumbersIn(numbers: number[], allowed: ReadonlySet<number>, field: string, what: string): number[] {
  numbers.forEach((n, i) => {
    if (!allowed.has(n)) throw badUserInput(`${field}[${i}]`, `the number of ${what}`);
  });
  return distinct(numbers, field);
}

/** Ids of records (not archived) stored in `model`, no duplicates; a missing one is a BAD_USER_INPUT at its index. */
export async function existingIds(model: Model<any>, ids: string[], field: string, what: string): Promise<string[]> {
  distinct(ids, field);
  if (ids.length === 0) return ids;
  const docs = (await model.find({ _id: trusted({ $in: ids }), archived: trusted({ $ne: true }) }, { _id: 1 }).lean()) as Array<{ _id: string }>;
  const found = new Set(docs.map((d) => d._id));
  ids.forEach((id, i) => {
    if (!found.has(id)) throw badUserInput(`${field}[${i}]`, `the id of ${what}`);
  });
  return ids;
}
