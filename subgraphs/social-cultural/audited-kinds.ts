/**
 * The record kinds of social-cultural that ministries write and import
 * (platform-kit/audit/writable-kind.ts). For each: its name, the GraphQL
 * input type one row follows, keyOf (the row's id checked, a new one, or the
 * natural key of an observation), toRecord (validates one row, BAD_USER_INPUT
 * at `${field}.<path>`, and returns the record to store), countryCodes (for
 * country-limited editors) and audited (persistence through the pillar's
 * write modules: activity-writes.ts keeps the exchange, event and action
 * cells, series-writes.ts the daily and monthly series rollups).
 *
 * socialCulturalImports (end of file) is what the import takes: each kind
 * through importKindOf (programme and event rows carry an `id` column;
 * observation ids are derived from the row), and the pillar's rollup repair.
 */
import { importKindOf, type WritableKind } from '../../platform-kit/audit/writable-kind.js';
import type { AuditedKind } from '../../platform-kit/audit/write-audited.js';
import type { PillarImports } from '../../platform-kit/import/import-kind.js';
import { recordId } from '../../platform-kit/write-inputs.js';
import { eventFrom, programmeFrom } from './activity-inputs.js';
import type { EventRecord, ExchangeProgrammeRecord } from './activity-records.js';
import { upsertEvents, upsertProgrammes } from './activity-writes.js';
import type { EventInput, ExchangeProgrammeInput, HealthCaseInput, TourismArrivalInput } from './generated/resolvers-types.js';
import { registerModels, type Models } from './models.js';
import { withThinkTankFeeds } from '../../platform-kit/export/think-tank-kind.js';
import { withChangeLog } from '../../platform-kit/export/change-log.js';
import { eventSearchDocument, programmeSearchDocument } from './search-documents.js';
import { repairRollupsIfDirty } from './rebuild-rollups.js';
import { repairAuditedWrites } from '../../platform-kit/shared-audited-kinds.js';
import { healthCaseFrom, healthCaseKey, tourismArrivalFrom, tourismArrivalKey } from './series-inputs.js';
import type { HealthCaseRecord, TourismArrivalRecord } from './series-records.js';
import { deleteHealthCases, deleteTourismArrivals, upsertHealthCases, upsertTourismArrivals } from './series-writes.js';

/** Programmes and events are archived, never deleted: persistence upserts the new versions. */
const activityKind = <T extends { _id: string }>(collection: string, model: AuditedKind<T>['model'], upsert: (items: T[]) => Promise<void>): AuditedKind<T> => ({
  collection,
  model,
  carriesRevision: true,
  persist: async (changes) => {
    await upsert(changes.map((c) => c.after).filter((r): r is T => r !== null));
  },
});

/** Observations are the series module's own records (no revision field): upserted or deleted (deletions noted in the change log). */
const observationKind = <T extends { _id: string }>(
  collection: string,
  model: AuditedKind<T>['model'],
  upsert: (items: T[]) => Promise<void>,
  remove: (ids: string[]) => Promise<number>,
): AuditedKind<T> => withChangeLog({
  collection,
  model,
  carriesRevision: false,
  persist: async (changes) => {
    const written = changes.map((c) => c.after).filter((r): r is T => r !== null);
    const deleted = changes.filter((c) => c.after === null && c.before).map((c) => c.before!._id);
    if (written.length) await upsert(written);
    if (deleted.length) await remove(deleted);
  },
}, { deletionsOnly: true });

export const exchangeProgrammeKind: WritableKind<Models, ExchangeProgrammeInput, ExchangeProgrammeRecord> = {
  name: 'exchange-programme',
  pillar: 'social-cultural',
  inputType: 'ExchangeProgrammeInput',
  audited: (models) => withThinkTankFeeds(activityKind('exchange_programmes', models.programmes, (items) => upsertProgrammes(models, items)), programmeSearchDocument),
  keyOf: (id, _, idField) => recordId(id, idField, 'xp'),
  toRecord: (models, id, input, field) => programmeFrom(models, id, input, field),
  countryCodes: (p) => p.countryCodes,
};

export const eventKind: WritableKind<Models, EventInput, EventRecord> = {
  name: 'event',
  pillar: 'social-cultural',
  inputType: 'EventInput',
  audited: (models) => withThinkTankFeeds(activityKind('events', models.events, (items) => upsertEvents(models, items)), eventSearchDocument),
  keyOf: (id, _, idField) => recordId(id, idField, 'ev'),
  toRecord: (models, id, input, field) => eventFrom(models, id, input, field),
  countryCodes: (e) => [e.place.countryCode],
};

export const healthCaseKind: WritableKind<Models, HealthCaseInput, HealthCaseRecord> = {
  name: 'health-case',
  pillar: 'social-cultural',
  inputType: 'HealthCaseInput',
  audited: (models) =>
    observationKind('health_cases', models.healthCases, (items) => upsertHealthCases(models, items), (ids) => deleteHealthCases(models, ids)),
  keyOf: (_, input) => healthCaseKey(input),
  naturalKey: healthCaseKey,
  toRecord: (_, id, input, field) => healthCaseFrom(id, input, field),
  countryCodes: (o) => [o.countryCode],
};

export const tourismArrivalKind: WritableKind<Models, TourismArrivalInput, TourismArrivalRecord> = {
  name: 'tourism-arrival',
  pillar: 'social-cultural',
  inputType: 'TourismArrivalInput',
  audited: (models) =>
    observationKind('tourism_arrivals', models.tourismArrivals, (items) => upsertTourismArrivals(models, items), (ids) => deleteTourismArrivals(models, ids)),
  keyOf: (_, input) => tourismArrivalKey(input),
  naturalKey: tourismArrivalKey,
  toRecord: (_, id, input, field) => tourismArrivalFrom(id, input, field),
  // Arrivals are reported by the destination's ministry.
  countryCodes: (o) => [o.destinationCode],
};

/**
 * Completes writes a crash interrupted (start-up, and before an import):
 * rollups of a family whose write was cut short are rebuilt from the records
 * (rollup-guard.ts), then audited writes left between revision and record.
 */
export async function repairSocialCulturalWrites(models: Models, log?: (msg: string) => void): Promise<void> {
  await repairRollupsIfDirty(models, log);
  await repairAuditedWrites(models, {
    exchange_programmes: exchangeProgrammeKind.audited(models),
    events: eventKind.audited(models),
    health_cases: healthCaseKind.audited(models),
    tourism_arrivals: tourismArrivalKind.audited(models),
  }, 'social-cultural');
}

/** What the import CLI and mutation take from this pillar (platform-kit/import). */
export const socialCulturalImports: PillarImports<Models> = {
  pillar: 'social-cultural',
  registerModels,
  repair: (models) => repairSocialCulturalWrites(models),
  kinds: [
    importKindOf(exchangeProgrammeKind, 'Exchange programmes (ExchangeProgrammeInput fields plus id; exchange and action cells follow).'),
    importKindOf(eventKind, 'Events (EventInput fields plus id; event and action cells follow).'),
    importKindOf(healthCaseKind, 'Health case reports (HealthCaseInput; id disease|country|unit|day; series rollups follow).'),
    importKindOf(tourismArrivalKind, 'Tourism arrival reports (TourismArrivalInput; id destination|origin|unit|day; series rollups follow).'),
  ],
};
