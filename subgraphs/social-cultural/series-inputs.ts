// Typed health case and tourism arrival inputs → stored observations. Their
// ids are natural keys built from the fields (one report per reporting unit,
// series and UTC day), as the synthetic loader builds them.
import { NON_MEMBER_ORIGIN, type HealthCaseRecord, type TourismArrivalRecord } from './series-records.js';
import type { HealthCaseInput, TourismArrivalInput } from './generated/resolvers-types.js';
import { badUserInput } from '../../platform-kit/input-errors.js';
import { memberCountry, provenance, text, wholeNumber } from '../../platform-kit/write-inputs.js';

const REPORTING_UNIT_MAX = 100;
const day = (t: Date) => (Number.isNaN(t.getTime()) ? 'invalid' : t.toISOString().slice(0, 10));

export const healthCaseKey = (o: Pick<HealthCaseInput, 'disease' | 'countryCode' | 'reportingUnit' | 'time'>) =>
  `${o.disease}|${o.countryCode}|${o.reportingUnit}|${day(o.time)}`;
export const tourismArrivalKey = (o: Pick<TourismArrivalInput, 'destinationCode' | 'originCode' | 'reportingUnit' | 'time'>) =>
  `${o.destinationCode}|${o.originCode}|${o.reportingUnit}|${day(o.time)}`;

function reportingUnit(v: string, field: string): string {
  text(v, field, REPORTING_UNIT_MAX);
  if (v.includes('|')) throw badUserInput(field, "a name without '|' (it is part of the report's id)");
  return v;
}

function dayStart(t: Date, field: string): Date {
  if (t.getUTCHours() || t.getUTCMinutes() || t.getUTCSeconds() || t.getUTCMilliseconds()) throw badUserInput(field, 'the start of a UTC day (T00:00:00.000Z)');
  return t;
}

/** The stored report for a valid input; `id` is healthCaseKey(input). */
export function healthCaseFrom(id: string, o: HealthCaseInput, field: string): HealthCaseRecord {
  memberCountry(o.countryCode, `${field}.countryCode`);
  reportingUnit(o.reportingUnit, `${field}.reportingUnit`);
  dayStart(o.time, `${field}.time`);
  return { _id: id, disease: o.disease, countryCode: o.countryCode, reportingUnit: o.reportingUnit, time: o.time, cases: wholeNumber(o.cases, `${field}.cases`), provenance: provenance(o.provenance, `${field}.provenance`) };
}

/** The stored report for a valid input; `id` is tourismArrivalKey(input). */
export function tourismArrivalFrom(id: string, o: TourismArrivalInput, field: string): TourismArrivalRecord {
  memberCountry(o.destinationCode, `${field}.destinationCode`);
  if (o.originCode !== NON_MEMBER_ORIGIN) memberCountry(o.originCode, `${field}.originCode`);
  if (o.originCode === o.destinationCode) throw badUserInput(`${field}.originCode`, 'a country other than the destination');
  reportingUnit(o.reportingUnit, `${field}.reportingUnit`);
  dayStart(o.time, `${field}.time`);
  return {
    _id: id,
    destinationCode: o.destinationCode,
    originCode: o.originCode,
    reportingUnit: o.reportingUnit,
    time: o.time,
    arrivals: wholeNumber(o.arrivals, `${field}.arrivals`),
    provenance: provenance(o.provenance, `${field}.provenance`),
  };
}
