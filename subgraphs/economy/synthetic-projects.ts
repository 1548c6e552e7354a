// Synthetic projects and implementing organisations. Record i depends only on
// (randomSeed, i), so a larger scale extends a smaller one and ids are stable.
import type { OrganisationRecord } from '../../platform-kit/organisations-documents.js';
import { syntheticProvenance } from '../../platform-kit/provenance.js';
import { recordRandom, type SyntheticRandom } from '../../platform-kit/synthetic-random.js';
import { actionNumbersBySector, countryCodes, fundingSources, sectors, type ProjectStatusCode } from './economy-codes.js';
import type { FinancialFlowRecord, ProjectInput } from './project-model.js';
import { pointIn } from './synthetic-geography.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const projectId = (i: number) => `proj-${pad(i, 6)}`;
export const organisationId = (i: number) => `org-econ-${pad(i, 4)}`;

// Synthetic exchange rates (USD per unit), fixed so amounts are reproducible.
const usdPerUnit: Record<string, number> = { USD: 1, CNY: 0.145, THB: 0.029, VND: 0.000042, LAK: 0.000095, KHR: 0.00024, MMK: 0.00065 };
const localCurrency: Record<string, string> = { CN: 'CNY', KH: 'KHR', LA: 'LAK', MM: 'MMK', TH: 'THB', VN: 'VND' };

const day = (y: number, doy: number) => new Date(Date.UTC(y, 0, 1) + doy * 86_400_000);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const round2 = (x: number) => Math.round(x * 100) / 100;

export function syntheticOrganisation(randomSeed: number, i: number): OrganisationRecord {
  const rng = recordRandom(randomSeed, 'organisation', i);
  const countryCode = rng.next() < 0.15 ? null : rng.pick(countryCodes);
  return {
    _id: organisationId(i),
    name: { en: `Synthetic implementing agency ${pad(i, 4)}`, zh: `合成实施机构 ${pad(i, 4)}` },
    type: countryCode ? 'IMPLEMENTING_AGENCY' : 'INTERNATIONAL_ORGANISATION',
    countryCode,
    provenance: syntheticProvenance(),
  };
}

/** Integer percentages summing to 100, each at least 10. */
function shares(rng: SyntheticRandom, k: number): number[] {
  if (k === 1) return [100];
  const weights = Array.from({ length: k }, () => 1 + rng.next() * 3);
  const total = weights.reduce((a, b) => a + b, 0);
  const pct = weights.map((w) => Math.max(10, Math.floor((w / total) * 100)));
  pct[0] += 100 - pct.reduce((a, b) => a + b, 0);
  return pct;
}

function flows(rng: SyntheticRandom, status: ProjectStatusCode, start: Date, currency: string): FinancialFlowRecord[] {
  const flow = (type: FinancialFlowRecord['type'], valueDate: Date, amount: number): FinancialFlowRecord => ({
    type,
    valueDate,
    currency,
    amount: round2(amount),
    usdAmount: round2(amount * usdPerUnit[currency]),
  });
  const committedUsd = Math.exp(11 + rng.next() * 6); // ~60k .. 24M USD, long-tailed
  const committed = committedUsd / usdPerUnit[currency];
  const out = [flow('COMMITMENT', start, committed)];
  if (status === 'PIPELINE' || status === 'CANCELLED') return out;
  const tranches = rng.int(1, 4);
  let disbursed = 0;
  for (let t = 0; t < tranches; t++) {
    const amount = (committed * (0.5 + rng.next() * 0.5)) / tranches;
    disbursed += amount;
    out.push(flow('DISBURSEMENT', addDays(start, 60 + t * rng.int(90, 360)), amount));
    if (rng.next() < 0.8) out.push(flow('EXPENDITURE', addDays(start, 120 + t * rng.int(90, 360)), amount * (0.6 + rng.next() * 0.4)));
  }
  return out.sort((a, b) => a.valueDate.getTime() - b.valueDate.getTime() || a.type.localeCompare(b.type));
}

const statusWeights: Array<[ProjectStatusCode, number]> = [
  ['PIPELINE', 0.12],
  ['IMPLEMENTATION', 0.45],
  ['COMPLETED', 0.3],
  ['CANCELLED', 0.05],
  ['SUSPENDED', 0.08],
];

function pickStatus(rng: SyntheticRandom): ProjectStatusCode {
  let r = rng.next();
  for (const [s, w] of statusWeights) if ((r -= w) < 0) return s;
  return 'IMPLEMENTATION';
}

/** Projects 1..n draw organisations from 1..organisationsFor(n): scale-independent, so record i never changes with scale. */
export const PROJECTS_PER_SCALE = 200;
export const ORGANISATIONS_PER_SCALE = 20;
export const organisationsFor = (projectIndex: number) => ORGANISATIONS_PER_SCALE * Math.ceil(projectIndex / PROJECTS_PER_SCALE);

export function syntheticProject(randomSeed: number, i: number): ProjectInput {
  const organisationCount = organisationsFor(i);
  const rng = recordRandom(randomSeed, 'project', i);
  const sector = rng.pick(sectors);
  const actions = actionNumbersBySector.get(sector.code)!;
  const countries = rng.sample(countryCodes, rng.int(1, 3)).sort();
  const pct = shares(rng, countries.length);
  const status = pickStatus(rng);
  const plannedStart = day(rng.int(2016, 2022), rng.int(0, 364));
  const plannedEnd = addDays(plannedStart, rng.int(365, 5 * 365));
  const started = status === 'IMPLEMENTATION' || status === 'COMPLETED' || status === 'SUSPENDED';
  const actualStart = started ? addDays(plannedStart, rng.int(0, 180)) : null;
  const actualEnd = status === 'COMPLETED' ? addDays(plannedEnd, rng.int(-90, 270)) : null;
  const currency = rng.next() < 0.5 ? 'USD' : localCurrency[countries[0]];
  const n = pad(i, 6);
  return {
    _id: projectId(i),
    title: { en: `Synthetic project ${n} — ${sector.title.en}`, zh: `合成项目 ${n} — ${sector.title.zh}` },
    description: {
      en: `Synthetic demo record for section ${sector.code} (${sector.title.en}); not a real project.`,
      zh: `第${sector.code}节(${sector.title.zh})的合成演示记录,并非真实项目。`,
    },
    status,
    sectorCode: sector.code,
    participatingCountries: countries.map((countryCode, k) => ({ countryCode, percentage: pct[k] })),
    implementingOrganisationIds: [...new Set([rng.int(1, organisationCount), rng.int(1, organisationCount)].slice(0, rng.int(1, 2)))]
      .sort((a, b) => a - b)
      .map(organisationId),
    plannedStart,
    plannedEnd,
    actualStart,
    actualEnd,
    fundingSource: rng.pick(fundingSources),
    flows: flows(rng, status, actualStart ?? plannedStart, currency),
    actionNumbers: rng.sample(actions, Math.min(actions.length, rng.int(1, 2))).sort((a, b) => a - b),
    locations: countries.slice(0, rng.int(1, countries.length)).map((c, k) => ({ name: `Synthetic site ${k + 1} (${c})`, ...pointIn(rng, c) })),
    provenance: syntheticProvenance(),
  };
}
