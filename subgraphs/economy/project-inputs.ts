// Typed project and flow inputs → stored project records, checked against the
// plan (4.2.x sectors, section 4.2's actions), the members and this pillar's
// organisations. Every failure names the input path.
import { trusted, type Model } from 'mongoose';
import { plan } from '../../plan-data/index.js';
import { badUserInput } from '../../platform-kit/input-errors.js';
import type { OrganisationRecord } from '../../platform-kit/organisations-documents.js';
import { LONG_TEXT_MAX, dateOrder, distinct, localizedText, memberCountry, provenance, text } from '../../platform-kit/write-inputs.js';
import { sectorByCode } from './economy-codes.js';
import type { FinancialFlowInput, ProjectInput as ProjectGraphQLInput } from './generated/resolvers-types.js';
import { toProjectRecord, type FinancialFlowRecord, type ProjectRecord } from './project-model.js';

const economyActions = new Set(plan.actions.filter((a) => a.subgraph === 'economy').map((a) => a.number));
const CURRENCY = /^[A-Z]{3}$/;

const finiteAtLeastZero = (v: number, field: string) => {
  if (!Number.isFinite(v) || v < 0) throw badUserInput(field, 'a finite number >= 0');
  return v;
};

export function flowFrom(f: FinancialFlowInput, field: string): FinancialFlowRecord {
  if (!CURRENCY.test(f.currency)) throw badUserInput(`${field}.currency`, 'an ISO 4217 currency code (three capital letters)');
  const amount = finiteAtLeastZero(f.amount, `${field}.amount`);
  const usdAmount = finiteAtLeastZero(f.usdAmount, `${field}.usdAmount`);
  if (f.currency === 'USD' && usdAmount !== amount) throw badUserInput(`${field}.usdAmount`, 'equal to amount when the currency is USD');
  return { type: f.type, valueDate: f.valueDate, currency: f.currency, amount, usdAmount };
}

/** Flows in value-date order (stable for equal dates), the order Project.flows shows and indexes refer to. */
export const inValueDateOrder = (flows: FinancialFlowRecord[]) =>
  flows.map((f, i) => ({ f, i })).sort((a, b) => a.f.valueDate.getTime() - b.f.valueDate.getTime() || a.i - b.i).map((x) => x.f);

/** The stored project for an input (derived fields included, no revision). `storedFlows` are used when input.flows is null. */
export async function projectFrom(
  organisations: Model<OrganisationRecord>,
  id: string,
  input: ProjectGraphQLInput,
  storedFlows: FinancialFlowRecord[] = [],
): Promise<ProjectRecord> {
  if (!sectorByCode.has(input.sectorCode)) throw badUserInput('input.sectorCode', `a 4.2.x section code (${[...sectorByCode.keys()].join(', ')})`);
  const shares = input.participatingCountries;
  if (shares.length === 0) throw badUserInput('input.participatingCountries', 'at least one participating country');
  shares.forEach((s, i) => {
    memberCountry(s.countryCode, `input.participatingCountries[${i}].countryCode`);
    if (!Number.isFinite(s.percentage) || s.percentage <= 0 || s.percentage > 100) {
      throw badUserInput(`input.participatingCountries[${i}].percentage`, 'a percentage greater than 0 and at most 100');
    }
  });
  distinct(shares.map((s) => s.countryCode), 'input.participatingCountries');
  const total = shares.reduce((a, s) => a + s.percentage, 0);
  if (Math.abs(total - 100) > 1e-6) throw badUserInput('input.participatingCountries', `percentages summing to 100 (got ${total})`);

  const organisationIds = distinct(input.implementingOrganisationIds ?? [], 'input.implementingOrganisationIds');
  if (organisationIds.length) {
    const found = new Set(
      ((await organisations.find({ _id: trusted({ $in: organisationIds }), archived: trusted({ $ne: true }) }, { _id: 1 }).lean()) as Array<{ _id: string }>).map(
        (o) => o._id,
      ),
    );
    organisationIds.forEach((o, i) => {
      if (!found.has(o)) throw badUserInput(`input.implementingOrganisationIds[${i}]`, 'the id of an organisation stored by economy');
    });
  }
  dateOrder(input.plannedStart, input.plannedEnd, 'input.plannedEnd', 'plannedStart');
  dateOrder(input.actualStart, input.actualEnd, 'input.actualEnd', 'actualStart');

  const actionNumbers = distinct(input.actionNumbers ?? [], 'input.actionNumbers');
  actionNumbers.forEach((n, i) => {
    if (!economyActions.has(n)) throw badUserInput(`input.actionNumbers[${i}]`, 'the number of an action of section 4.2 (Economy and Sustainable Development)');
  });
  const locations = (input.locations ?? []).map((l, i) => {
    const field = `input.locations[${i}]`;
    if (!Number.isFinite(l.lat) || l.lat < -90 || l.lat > 90) throw badUserInput(`${field}.lat`, 'a latitude from -90 to 90');
    if (!Number.isFinite(l.lon) || l.lon < -180 || l.lon > 180) throw badUserInput(`${field}.lon`, 'a longitude from -180 to 180');
    return { name: text(l.name, `${field}.name`), lat: l.lat, lon: l.lon };
  });
  const flows = input.flows == null ? storedFlows : inValueDateOrder(input.flows.map((f, i) => flowFrom(f, `input.flows[${i}]`)));

  return toProjectRecord({
    _id: id,
    title: localizedText(input.title, 'input.title'),
    description: localizedText(input.description, 'input.description', LONG_TEXT_MAX),
    status: input.status,
    sectorCode: input.sectorCode,
    participatingCountries: shares.map((s) => ({ countryCode: s.countryCode, percentage: s.percentage })),
    implementingOrganisationIds: organisationIds,
    plannedStart: input.plannedStart ?? null,
    plannedEnd: input.plannedEnd ?? null,
    actualStart: input.actualStart ?? null,
    actualEnd: input.actualEnd ?? null,
    fundingSource: input.fundingSource,
    flows,
    actionNumbers,
    locations,
    provenance: provenance(input.provenance, 'input.provenance'),
    archived: false,
  });
}
