// The plan and the six members, read once from the committed data files.
import { readFileSync } from 'node:fs';
import type { MemberCountry, Plan, SubgraphName } from './plan-types.js';

export * from './plan-types.js';

const readJson = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as T;

export const plan: Plan = readJson<Plan>('./plan.json');
const countryData = readJson<{ source: string; countries: MemberCountry[] }>('./countries.json');
export const memberCountries: MemberCountry[] = countryData.countries;
/** Where the members' codes and names come from (countries.json). */
export const memberCountriesSource: string = countryData.source;

export const actionsOwnedBy = (subgraph: SubgraphName) => plan.actions.filter((a) => a.subgraph === subgraph);
