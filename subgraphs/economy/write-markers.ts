// Crash repair without transactions: a write first records what it is about to
// touch (a marker), then writes records and rollups, then deletes the marker.
// A marker left behind means a write was interrupted; repairInterruptedWrites
// (run at start-up) recomputes exactly what it names.
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';

export interface SeriesRange {
  series: string;
  from: Date;
  /** Inclusive: the last observation time touched. */
  to: Date;
}

export interface WriteMarkerRecord {
  _id: string;
  kind: 'projects' | 'water' | 'indicators';
  startedAt: Date;
  seriesRanges: SeriesRange[];
}

const rangeSchema = new Schema<SeriesRange>(
  { series: { type: String, required: true }, from: { type: Date, required: true }, to: { type: Date, required: true } },
  { _id: false, ...strictSchemaOptions },
);

const markerSchema = new Schema<WriteMarkerRecord>(
  {
    _id: String,
    kind: { type: String, required: true },
    startedAt: { type: Date, required: true },
    seriesRanges: { type: [rangeSchema], default: [] },
  },
  { collection: 'write_markers', ...strictSchemaOptions },
);

export const writeMarkerModel = (c: Connection): Model<WriteMarkerRecord> => c.model<WriteMarkerRecord>('WriteMarker', markerSchema);

/** Runs `write` between recording a marker and removing it. */
export async function withWriteMarker<T>(
  markers: Model<WriteMarkerRecord>,
  kind: WriteMarkerRecord['kind'],
  seriesRanges: SeriesRange[],
  write: () => Promise<T>,
): Promise<T> {
  const _id = randomUUID();
  await markers.create({ _id, kind, startedAt: new Date(), seriesRanges });
  const result = await write();
  await markers.deleteOne({ _id });
  return result;
}
