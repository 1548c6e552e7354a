// Water observation mutations: audited writes whose persistence is the water
// write module (daily and monthly rollups and latest observation kept in step). Records
// are the module's own; their revision chain is compared by content.
import type { Principal } from '../../platform-kit/access/principal.js';
import { requirePillarWriter } from '../../platform-kit/access/authorize.js';
import { actionOfChange, writeAuditedBatch, type AuditedKind, type AuditedWrite } from '../../platform-kit/audit/write-audited.js';
import { badUserInput } from '../../platform-kit/input-errors.js';
import { withChangeLog } from '../../platform-kit/export/change-log.js';
import { provenance } from '../../platform-kit/write-inputs.js';
import { trusted } from 'mongoose';
import type { ObservationQuality, WaterObservationInput } from './generated/resolvers-types.js';
import type { Models } from './models.js';
import { observedPropertyCodes, type ObservedPropertyCode } from './observed-properties.js';
import { waterObservationId, type WaterObservationRecord, type WaterStationRecord } from './water-models.js';
import { deleteWaterObservations, writeWaterObservations } from './water-writes.js';

export const MAX_OBSERVATIONS_PER_CALL = 100;

export const waterObservationKind = (models: Models): AuditedKind<WaterObservationRecord> => withChangeLog({
  collection: 'water_observations',
  model: models.waterObservations,
  carriesRevision: false,
  persist: async (changes) => {
    const written = changes.map((c) => c.after).filter((o): o is WaterObservationRecord => o !== null);
    const deleted = changes.filter((c) => c.after === null && c.before).map((c) => c.before!._id);
    if (written.length) await writeWaterObservations(models, written.map(({ _id, ...o }) => o));
    if (deleted.length) await deleteWaterObservations(models, deleted);
  },
}, { deletionsOnly: true });

interface Caller {
  models: Models;
  principal: Principal;
}

export async function stationsById(models: Models, ids: string[]): Promise<Map<string, WaterStationRecord>> {
  const docs = (await models.waterStations.find({ _id: trusted({ $in: [...new Set(ids)] }) }).lean()) as WaterStationRecord[];
  return new Map(docs.map((s) => [s._id, s]));
}

/** A country-limited editor writes only its own country's stations. */
const requireStationWriters = (principal: Principal, stations: WaterStationRecord[]) =>
  requirePillarWriter(principal, 'economy', stations.map((s) => s.countryCode));

const finite = (v: number, field: string) => {
  if (!Number.isFinite(v)) throw badUserInput(field, 'a finite number');
  return v;
};

/** station|property|ISO time → its parts, or a field error. */
function parseObservationId(id: string, field: string): { stationId: string; property: ObservedPropertyCode; time: Date } {
  const [stationId, property, iso, ...rest] = id.split('|');
  const time = new Date(iso ?? '');
  if (rest.length || !stationId || !observedPropertyCodes.includes(property as ObservedPropertyCode) || Number.isNaN(time.getTime())) {
    throw badUserInput(field, 'an observation id station|property|ISO time');
  }
  return { stationId, property: property as ObservedPropertyCode, time };
}

const batchResult = (results: Array<{ id: string; revision: unknown }>) => ({
  written: results.filter((r) => r.revision !== null).length,
  ids: results.map((r) => r.id),
});

/** The stored observation for an input (`field`: its input path), checked against its station (undefined: not found). */
export function observationFrom(station: WaterStationRecord | undefined, o: WaterObservationInput, field: string): WaterObservationRecord {
  if (!station) throw badUserInput(`${field}.stationId`, 'the id of a water station');
  if (!station.properties.includes(o.property)) throw badUserInput(`${field}.property`, `a property station ${station._id} observes (${station.properties.join(', ')})`);
  return {
    _id: waterObservationId(o.stationId, o.property, o.time),
    stationId: o.stationId,
    property: o.property,
    time: o.time,
    value: finite(o.value, `${field}.value`),
    quality: o.quality,
    provenance: provenance(o.provenance, `${field}.provenance`),
  };
}

export async function recordWaterObservations(c: Caller, inputs: WaterObservationInput[]) {
  requirePillarWriter(c.principal, 'economy');
  if (inputs.length > MAX_OBSERVATIONS_PER_CALL) throw badUserInput('observations', `at most ${MAX_OBSERVATIONS_PER_CALL} observations per call`);
  const stations = await stationsById(c.models, inputs.map((o) => o.stationId));
  requireStationWriters(c.principal, [...stations.values()]);
  const seen = new Map<string, number>();
  const records = inputs.map((o, i): WaterObservationRecord => {
    const field = `observations[${i}]`;
    const record = observationFrom(stations.get(o.stationId), o, field);
    if (seen.has(record._id)) throw badUserInput(field, `one observation per station, property and time (same as observations[${seen.get(record._id)}])`);
    seen.set(record._id, i);
    return record;
  });
  const writes: Array<AuditedWrite<WaterObservationRecord>> = records.map((r, i) => ({
    id: r._id,
    change: () => r,
    inputPath: (path) => `observations[${i}].${path}`,
  }));
  return batchResult(await writeAuditedBatch({ kind: waterObservationKind(c.models), revisions: c.models.revisions, principal: c.principal, action: actionOfChange, writes }));
}

export async function updateWaterObservation(c: Caller, id: string, input: { value: number; quality: ObservationQuality }) {
  requirePillarWriter(c.principal, 'economy');
  const { stationId } = parseObservationId(id, 'id');
  const station = (await stationsById(c.models, [stationId])).get(stationId);
  if (!station) throw badUserInput('id', `an observation of an existing station (${stationId} not found)`);
  requireStationWriters(c.principal, [station]);
  const value = finite(input.value, 'input.value');
  const [result] = await writeAuditedBatch({
    kind: waterObservationKind(c.models),
    revisions: c.models.revisions,
    principal: c.principal,
    action: 'UPDATE',
    writes: [
      {
        id,
        change: (before) => {
          if (!before) throw badUserInput('id', `the id of an existing observation (${id} not found)`);
          return { ...before, value, quality: input.quality };
        },
      },
    ],
  });
  const record = result.record!;
  // WaterObservation is typed by the latest-observation record; the observation is the same shape with its own id.
  return { ...record, _id: `${record.stationId}|${record.property}`, observationId: record._id };
}

export async function deleteWaterObservationsAudited(c: Caller, ids: string[]) {
  requirePillarWriter(c.principal, 'economy');
  if (ids.length > MAX_OBSERVATIONS_PER_CALL) throw badUserInput('ids', `at most ${MAX_OBSERVATIONS_PER_CALL} ids per call`);
  const unique = [...new Set(ids)];
  const parsed = unique.map((id) => parseObservationId(id, `ids[${ids.indexOf(id)}]`));
  const stations = await stationsById(c.models, parsed.map((p) => p.stationId));
  requireStationWriters(c.principal, [...stations.values()]);
  // Deleting an observation that is not there changes nothing (a repeated delete is harmless).
  const writes = unique.map((id) => ({ id, change: () => null }));
  return batchResult(await writeAuditedBatch({ kind: waterObservationKind(c.models), revisions: c.models.revisions, principal: c.principal, action: 'DELETE', writes }));
}
