// Rollups of projects kept on every write (see project-writes.ts):
// - project_rollups: counts and USD sums per (country or ALL, sector, status, year, synthetic);
// - project_action_counts: projects per plan action (one document);
// - project_leaderboards: the top projects by committed USD per scope (ALL, a country, a sector).
import { Schema, type Connection, type Model } from 'mongoose';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';
import type { ProjectStatusCode } from './economy-codes.js';

/** countryCode of the cells that count each project once, whatever its countries. */
export const ALL_COUNTRIES = 'ALL';

/** Measures of one rollup cell. */
export interface CellMeasures {
  projectCount: number;
  committedUsd: number;
  disbursedUsd: number;
  expendedUsd: number;
}

/** A cell as resolvers see it: its dimensions and measures. */
export interface ProjectRollupCellRecord extends CellMeasures {
  countryCode: string; // a member code, or ALL_COUNTRIES
  sectorCode: string;
  status: ProjectStatusCode;
  year: number | null;
  synthetic: boolean;
}

/**
 * One document per country scope (ALL and each member), its cells keyed by
 * `${year ?? '-'}|${sector with '_' for '.'}|${status}|${'s' | 'r'}`. Few
 * documents, so each write is a handful of $inc updates on small documents
 * (FerretDB's SQLite backend scans a collection for every update).
 */
export interface ProjectRollupRecord {
  _id: string;
  cells: Record<string, CellMeasures>;
}

export interface ProjectActionCountsRecord {
  _id: 'all';
  /** Projects per action number (keys are the numbers as strings). */
  counts: Record<string, number>;
}

export interface LeaderboardEntry {
  id: string;
  usd: number;
}

export interface ProjectLeaderboardRecord {
  _id: string; // 'ALL', 'C:KH', 'S:4.2.5'
  /** Best first: committed USD descending, then id ascending. */
  entries: LeaderboardEntry[];
  /** true when projects of the scope exist outside `entries` (all ranked below its last entry). */
  truncated: boolean;
  /** Optimistic concurrency: each update must see the version it read. */
  version: number;
}

const rollupSchema = new Schema<ProjectRollupRecord>(
  { _id: String, cells: { type: Schema.Types.Mixed, default: {} } },
  { collection: 'project_rollups', minimize: false, ...strictSchemaOptions },
);

const actionCountsSchema = new Schema<ProjectActionCountsRecord>(
  { _id: String, counts: { type: Schema.Types.Mixed, default: {} } },
  { collection: 'project_action_counts', minimize: false, ...strictSchemaOptions },
);

const entrySchema = new Schema<LeaderboardEntry>(
  { id: { type: String, required: true }, usd: { type: Number, required: true } },
  { _id: false, ...strictSchemaOptions },
);

const leaderboardSchema = new Schema<ProjectLeaderboardRecord>(
  {
    _id: String,
    entries: { type: [entrySchema], default: [] },
    truncated: { type: Boolean, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'project_leaderboards', ...strictSchemaOptions },
);

export const projectRollupModel = (c: Connection): Model<ProjectRollupRecord> => c.model<ProjectRollupRecord>('ProjectRollup', rollupSchema);
export const projectActionCountsModel = (c: Connection): Model<ProjectActionCountsRecord> =>
  c.model<ProjectActionCountsRecord>('ProjectActionCounts', actionCountsSchema);
export const projectLeaderboardModel = (c: Connection): Model<ProjectLeaderboardRecord> =>
  c.model<ProjectLeaderboardRecord>('ProjectLeaderboard', leaderboardSchema);
