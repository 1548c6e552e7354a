// Provenance carried by every stored record. Generated data is always marked
// synthetic, with the generator as its source.
import { Schema } from 'mongoose';

export interface ProvenanceRecord {
  source: string;
  licence: string;
  recordedAt: Date;
  synthetic: boolean;
}

export const provenanceSchema = new Schema<ProvenanceRecord>(
  {
    source: { type: String, required: true },
    licence: { type: String, required: true },
    recordedAt: { type: Date, required: true },
    synthetic: { type: Boolean, required: true },
  },
  { _id: false, strict: 'throw' },
);

export const SYNTHETIC_SOURCE = 'synthetic';
export const SYNTHETIC_LICENCE = 'CC0-1.0 (synthetic demo data, not real facts)';

/** Provenance for generated demo/benchmark records. recordedAt is fixed so generation is deterministic. */
export const syntheticProvenance = (recordedAt = new Date('2026-01-01T00:00:00.000Z')): ProvenanceRecord => ({
  source: SYNTHETIC_SOURCE,
  licence: SYNTHETIC_LICENCE,
  recordedAt,
  synthetic: true,
});

export const PLAN_PROVENANCE: ProvenanceRecord = {
  source: 'Five-Year Plan of Action on Lancang-Mekong Cooperation (2018-2022), fmprc.gov.cn via China.org.cn',
  licence: 'Official public document',
  recordedAt: new Date('2018-01-29T00:00:00.000Z'),
  synthetic: false,
};

/** The six members' codes and names: real reference data, named as the plan names them. */
export const memberCountryProvenance = (source: string): ProvenanceRecord => ({
  source,
  licence: 'Public reference data (ISO 3166-1 codes; names as published in the plan)',
  recordedAt: PLAN_PROVENANCE.recordedAt,
  synthetic: false,
});
