// Typed meeting, activity and body inputs → stored records, checked against
// the plan (actions), the members and this pillar's documents. Every failure
// is a BAD_USER_INPUT naming the input path under `field` (e.g. `input`, or
// a row of an import).
import { plan } from '../../plan-data/index.js';
import { badUserInput } from '../../platform-kit/input-errors.js';
import {
  actionNumbersIn,
  dateOrder,
  distinct,
  existingIds,
  localizedText,
  memberCountry,
  participantGroups,
  provenance,
  recordId,
} from '../../platform-kit/write-inputs.js';
import type { CooperationActivityInput, MechanismBodyInput, MeetingInput } from './generated/resolvers-types.js';
import type { CooperationActivityRecord, MechanismBodyRecord, MeetingRecord } from './mechanism-models.js';
import type { Models } from './models.js';

const allActions = new Set(plan.actions.map((a) => a.number));
const securityActions = new Set(plan.actions.filter((a) => a.subgraph === 'political-security' && a.section?.startsWith('4.1')).map((a) => a.number));

const utcDay = (d: Date) => d.toISOString().slice(0, 10);
const MEETING_ID = /^mtg-(\d{4}-\d{2}-\d{2})-/;

/** A meeting's id names its UTC day (ids order meetings by date): a given id must, a new one is made so. */
export function meetingKey(id: string | null | undefined, input: Pick<MeetingInput, 'date'>, idField: string, field: string): string {
  const day = utcDay(input.date);
  if (id == null) return recordId(null, idField, `mtg-${day}`);
  recordId(id, idField, 'mtg');
  if (!MEETING_ID.test(id)) throw badUserInput(idField, `an id starting mtg-<UTC day of ${field}.date>- (e.g. mtg-${day}-001)`);
  return id;
}

export async function meetingFrom(models: Models, id: string, input: MeetingInput, field: string): Promise<MeetingRecord> {
  const idDay = id.match(MEETING_ID)?.[1];
  if (idDay !== utcDay(input.date)) {
    throw badUserInput(`${field}.date`, `a date on ${idDay ?? 'the day its id names'} (meeting ids name their day; create a new meeting for another day)`);
  }
  const hostCountryCodes = input.hostCountryCodes.map((c, i) => memberCountry(c, `${field}.hostCountryCodes[${i}]`));
  if (hostCountryCodes.length === 0) throw badUserInput(`${field}.hostCountryCodes`, 'at least one host country');
  distinct(hostCountryCodes, `${field}.hostCountryCodes`);
  const coChairCodes = distinct(
    (input.coChairCodes ?? []).map((c, i) => memberCountry(c, `${field}.coChairCodes[${i}]`)),
    `${field}.coChairCodes`,
  );
  return {
    _id: id,
    type: input.type,
    title: localizedText(input.title, `${field}.title`),
    date: input.date,
    hostCountryCodes,
    coChairCodes,
    outcomeDocumentIds: await existingIds(models.documents, input.outcomeDocumentIds ?? [], `${field}.outcomeDocumentIds`, 'a document stored by political-security'),
    actionsReviewed: actionNumbersIn(input.actionsReviewed ?? [], allActions, `${field}.actionsReviewed`, 'an action of the plan (1..94)'),
    provenance: provenance(input.provenance, `${field}.provenance`),
    archived: false,
  };
}

export function activityFrom(id: string, input: CooperationActivityInput, field: string): CooperationActivityRecord {
  dateOrder(input.startDate, input.endDate, `${field}.endDate`, 'startDate');
  const participants = participantGroups(input.participants, `${field}.participants`);
  return {
    _id: id,
    kind: input.kind,
    title: localizedText(input.title, `${field}.title`),
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    participants,
    participantCountryCodes: participants.map((p) => p.countryCode),
    actionNumbers: actionNumbersIn(input.actionNumbers ?? [], securityActions, `${field}.actionNumbers`, 'an action of section 4.1 (Political and Security Issues)'),
    provenance: provenance(input.provenance, `${field}.provenance`),
    archived: false,
  };
}

export function bodyFrom(id: string, input: MechanismBodyInput, field: string): MechanismBodyRecord {
  return {
    _id: id,
    kind: input.kind,
    name: localizedText(input.name, `${field}.name`),
    countryCode: input.countryCode == null ? null : memberCountry(input.countryCode, `${field}.countryCode`),
    status: input.status,
    provenance: provenance(input.provenance, `${field}.provenance`),
    archived: false,
  };
}
