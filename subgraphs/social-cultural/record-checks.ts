// Checks a record before it is written: only the six members, only section 4.3's
// actions, one participant group per country. Throws on the first problem.
import { actionsOwnedBy, memberCountries } from '../../plan-data/index.js';
import type { EventRecord, ExchangeProgrammeRecord } from './activity-records.js';

export const memberCodes = new Set(memberCountries.map((c) => c.code));
export const socialCulturalActionNumbers = new Set(actionsOwnedBy('social-cultural').map((a) => a.number));

const fail = (id: string, why: string): never => {
  throw new Error(`${id}: ${why}`);
};

function checkActions(id: string, numbers: number[]) {
  for (const n of numbers) if (!socialCulturalActionNumbers.has(n)) fail(id, `action ${n} is not a section 4.3 action`);
  if (new Set(numbers).size !== numbers.length) fail(id, 'an action is linked twice');
}

export function checkProgramme(p: ExchangeProgrammeRecord): void {
  if (!memberCodes.has(p.hostCountryCode)) fail(p._id, `host ${p.hostCountryCode} is not a member`);
  const seen = new Set<string>();
  for (const g of p.participants) {
    if (!memberCodes.has(g.countryCode)) fail(p._id, `participants from ${g.countryCode}, not a member`);
    if (seen.has(g.countryCode)) fail(p._id, `two participant groups from ${g.countryCode}`);
    seen.add(g.countryCode);
    if (!Number.isInteger(g.total) || g.total < 0) fail(p._id, 'participant total must be a non-negative integer');
    if ((g.female ?? 0) + (g.male ?? 0) > g.total) fail(p._id, 'female + male exceeds the total');
  }
  checkActions(p._id, p.actionNumbers);
}

export function checkEvent(e: EventRecord): void {
  if (!memberCodes.has(e.place.countryCode)) fail(e._id, `place in ${e.place.countryCode}, not a member`);
  if (e.year !== e.startDate.getUTCFullYear()) fail(e._id, 'year must be the UTC year of startDate');
  checkActions(e._id, e.actionNumbers);
}
