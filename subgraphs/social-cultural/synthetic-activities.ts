// Generates synthetic exchange programmes and events. Pure functions of
// (randomSeed, index): titles say "Synthetic …", links go only to section
// 4.3's real action numbers and the six real members.
import { memberCountries } from '../../plan-data/index.js';
import { syntheticProvenance } from '../../platform-kit/provenance.js';
import type { SyntheticRandom } from '../../platform-kit/synthetic-random.js';
import { eventKinds, exchangeKinds, type EventKindCode, type EventRecord, type ExchangeKindCode, type ExchangeProgrammeRecord } from './activity-records.js';
import { programmeCountryCodes } from './activity-records.js';
import { organisationIdOf, REGIONAL_ORGANISER_IDS } from './synthetic-organisations.js';
import { recordRandom } from '../../platform-kit/synthetic-random.js';

const members = memberCountries.map((c) => c.code);
const YEARS = [2018, 2019, 2020, 2021, 2022];
const DAY = 86_400_000;

/** Which 4.3 actions each kind plausibly implements (sections 4.3.1-4.3.6). */
const programmeActions: Record<ExchangeKindCode, number[]> = {
  SCHOLARSHIP: [78, 76],
  VOCATIONAL_TRAINING: [77, 73, 80],
  YOUTH_EXCHANGE: [86, 85, 87],
  MEDIA_EXCHANGE: [82, 84, 83],
  ACADEMIC_EXCHANGE: [78, 91, 74],
};
const eventActions: Record<EventKindCode, number[]> = {
  CULTURAL: [69, 70, 71, 85, 88, 89],
  TOURISM: [72, 73, 74, 75],
  MEDIA: [82, 83, 84],
  HEALTH_CAMPAIGN: [79, 80, 81, 90],
};
const kindLabels: Record<ExchangeKindCode | EventKindCode, [string, string]> = {
  SCHOLARSHIP: ['scholarship', '奖学金'],
  VOCATIONAL_TRAINING: ['vocational training', '职业培训'],
  YOUTH_EXCHANGE: ['youth exchange', '青年交流'],
  MEDIA_EXCHANGE: ['media exchange', '媒体交流'],
  ACADEMIC_EXCHANGE: ['academic exchange', '学术交流'],
  CULTURAL: ['cultural event', '文化活动'],
  TOURISM: ['tourism event', '旅游活动'],
  MEDIA: ['media event', '媒体活动'],
  HEALTH_CAMPAIGN: ['health campaign', '卫生运动'],
};
/** Rough bounding boxes [latMin, latMax, lonMin, lonMax] to place synthetic venues inside each member. */
const boxes: Record<string, [number, number, number, number]> = {
  CN: [22, 30, 98, 110],
  KH: [10.5, 14.5, 102.5, 107.5],
  LA: [14, 22, 100, 107.5],
  MM: [10, 27, 93, 101],
  TH: [6, 20, 98, 105.5],
  VN: [8.5, 23, 102.5, 109.5],
};

const randomDate = (r: SyntheticRandom, year: number) => new Date(Date.UTC(year, 0, 1) + r.int(0, 364) * DAY);
const linkedActions = (r: SyntheticRandom, candidates: number[]) => r.sample(candidates, r.int(1, 2)).sort((a, b) => a - b);
const organisers = (r: SyntheticRandom, countryCode: string) => [
  organisationIdOf(countryCode, r.pick(['ministry', 'agency', 'university'] as const)),
  ...(r.next() < 0.3 ? [r.pick(REGIONAL_ORGANISER_IDS)] : []),
];

export function syntheticProgramme(randomSeed: number, index: number): ExchangeProgrammeRecord {
  const r = recordRandom(randomSeed, 'exchange-programme', index);
  const id = String(index + 1).padStart(6, '0');
  const kind = r.pick(exchangeKinds);
  const year = r.pick(YEARS);
  const startDate = randomDate(r, year);
  const endDate = r.next() < 0.9 ? new Date(startDate.getTime() + r.int(5, 180) * DAY) : null;
  const hostCountryCode = r.pick(members);
  const participants = r
    .sample(members, r.int(1, 4))
    .sort()
    .map((countryCode) => {
      const total = r.int(3, 120);
      if (r.next() < 0.3) return { countryCode, total, female: null, male: null };
      const female = Math.round(total * (0.3 + 0.4 * r.next()));
      return { countryCode, total, female, male: total - female };
    });
  const [en, zh] = kindLabels[kind];
  const record: ExchangeProgrammeRecord = {
    _id: `xp-${id}`,
    kind,
    title: { en: `Synthetic exchange programme ${id} — ${en}`, zh: `合成交流项目 ${id} — ${zh}` },
    year,
    startDate,
    endDate,
    hostCountryCode,
    participants,
    countryCodes: [],
    organiserIds: organisers(r, hostCountryCode),
    actionNumbers: linkedActions(r, programmeActions[kind]),
    provenance: syntheticProvenance(),
    // As stored: never revised, not archived (the schema's defaults).
    revision: 0,
    archived: false,
  };
  return { ...record, countryCodes: programmeCountryCodes(record) };
}

export function syntheticEvent(randomSeed: number, index: number): EventRecord {
  const r = recordRandom(randomSeed, 'event', index);
  const id = String(index + 1).padStart(6, '0');
  const kind = r.pick(eventKinds);
  const year = r.pick(YEARS);
  const startDate = randomDate(r, year);
  const countryCode = r.pick(members);
  const [latMin, latMax, lonMin, lonMax] = boxes[countryCode];
  const [en, zh] = kindLabels[kind];
  return {
    _id: `ev-${id}`,
    kind,
    title: { en: `Synthetic event ${id} — ${en}`, zh: `合成活动 ${id} — ${zh}` },
    startDate,
    endDate: new Date(startDate.getTime() + r.int(0, 14) * DAY),
    year,
    place: {
      name: `Synthetic venue ${id} (${countryCode})`,
      countryCode,
      lat: Math.round((latMin + (latMax - latMin) * r.next()) * 1e4) / 1e4,
      lon: Math.round((lonMin + (lonMax - lonMin) * r.next()) * 1e4) / 1e4,
    },
    organiserIds: organisers(r, countryCode),
    actionNumbers: linkedActions(r, eventActions[kind]),
    provenance: syntheticProvenance(),
    // As stored: never revised, not archived (the schema's defaults).
    revision: 0,
    archived: false,
  };
}
