// Typed programme and event inputs → stored records, checked against the
// members, section 4.3's actions and this pillar's organisations. Every
// failure is a BAD_USER_INPUT naming the input path under `field`.
import { badUserInput } from '../../platform-kit/input-errors.js';
import { checkedYear } from '../../platform-kit/filter-inputs.js';
import {
  actionNumbersIn,
  dateOrder,
  existingIds,
  localizedText,
  memberCountry,
  participantGroups,
  provenance,
  text,
} from '../../platform-kit/write-inputs.js';
import { programmeCountryCodes, type EventRecord, type ExchangeProgrammeRecord } from './activity-records.js';
import type { EventInput, ExchangeProgrammeInput } from './generated/resolvers-types.js';
import type { Models } from './models.js';
import { socialCulturalActionNumbers } from './record-checks.js';

const actionsOf = (numbers: number[] | null | undefined, field: string) =>
  actionNumbersIn(numbers ?? [], socialCulturalActionNumbers, field, 'an action of section 4.3 (Social and Cultural Cooperation)');

const organisersOf = (models: Pick<Models, 'organisations'>, ids: string[] | null | undefined, field: string) =>
  existingIds(models.organisations, ids ?? [], field, 'an organisation stored by social-cultural');

export async function programmeFrom(models: Pick<Models, 'organisations'>, id: string, input: ExchangeProgrammeInput, field: string): Promise<ExchangeProgrammeRecord> {
  dateOrder(input.startDate, input.endDate, `${field}.endDate`, 'startDate');
  const record = {
    _id: id,
    kind: input.kind,
    title: localizedText(input.title, `${field}.title`),
    year: checkedYear(`${field}.year`, input.year),
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    hostCountryCode: memberCountry(input.hostCountryCode, `${field}.hostCountryCode`),
    participants: participantGroups(input.participants, `${field}.participants`),
    countryCodes: [] as string[],
    organiserIds: await organisersOf(models, input.organiserIds, `${field}.organiserIds`),
    actionNumbers: actionsOf(input.actionNumbers, `${field}.actionNumbers`),
    provenance: provenance(input.provenance, `${field}.provenance`),
    archived: false,
  };
  return { ...record, countryCodes: programmeCountryCodes(record) };
}

const coordinate = (v: number | null | undefined, limit: number, field: string) => {
  if (v == null) return null;
  if (!Number.isFinite(v) || Math.abs(v) > limit) throw badUserInput(field, `a number from -${limit} to ${limit}`);
  return v;
};

export async function eventFrom(models: Pick<Models, 'organisations'>, id: string, input: EventInput, field: string): Promise<EventRecord> {
  dateOrder(input.startDate, input.endDate, `${field}.endDate`, 'startDate');
  const year = checkedYear(`${field}.startDate`, input.startDate.getUTCFullYear());
  return {
    _id: id,
    kind: input.kind,
    title: localizedText(input.title, `${field}.title`),
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    year,
    place: {
      name: text(input.place.name, `${field}.place.name`),
      countryCode: memberCountry(input.place.countryCode, `${field}.place.countryCode`),
      lat: coordinate(input.place.lat, 90, `${field}.place.lat`),
      lon: coordinate(input.place.lon, 180, `${field}.place.lon`),
    },
    organiserIds: await organisersOf(models, input.organiserIds, `${field}.organiserIds`),
    actionNumbers: actionsOf(input.actionNumbers, `${field}.actionNumbers`),
    provenance: provenance(input.provenance, `${field}.provenance`),
    archived: false,
  };
}
