// Rollups of projects kept on every write (see project-writes.ts):
// - project_rollup_cells: counts and USD sums per (country or ALL, sector, status, year, synthetic);
// - project_action_counts: projects per plan action;
// - project_leaderboards: the top projects by committed USD per scope (ALL, a country, a sector).
import { Schema, type Connection, type Model } from 'mongoose';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';
import type { ProjectStatusCode } from './economy-codes.js';

/** countryCode of the cells that count each project once, whatever its countries. */
export const ALL_COUNTRIES = 'ALL';

export interface ProjectRollupCellRecord {
  _id: string; // `${countryCode}|${sectorCode}|${status}|${year ?? '-'}|${synthetic ? 's' : 'r'}`
  countryCode: string; // a member code, or ALL_COUNTRIES
  sectorCode: string;
  status: ProjectStatusCode;
  year: number | null;
  synthetic: boolean;
  projectCount: number;
  committedUsd: number;
  disbursedUsd: number;
  expendedUsd: number;
}

export interface ProjectActionCountRecord {
  _id: number; // action number
  projectCount: number;
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

const cellSchema = new Schema<ProjectRollupCellRecord>(
  {
    _id: String,
    countryCode: { type: String, required: true },
    sectorCode: { type: String, required: true },
    status: { type: String, required: true },
    year: { type: Number, default: null },
    synthetic: { type: Boolean, required: true },
    projectCount: { type: Number, required: true },
    committedUsd: { type: Number, required: true },
    disbursedUsd: { type: Number, required: true },
    expendedUsd: { type: Number, required: true },
  },
  { collection: 'project_rollup_cells', ...strictSchemaOptions },
);

const actionCountSchema = new Schema<ProjectActionCountRecord>(
  { _id: Number, projectCount: { type: Number, required: true } },
  { collection: 'project_action_counts', ...strictSchemaOptions },
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

export const projectRollupCellModel = (c: Connection): Model<ProjectRollupCellRecord> =>
  c.model<ProjectRollupCellRecord>('ProjectRollupCell', cellSchema);
export const projectActionCountModel = (c: Connection): Model<ProjectActionCountRecord> =>
  c.model<ProjectActionCountRecord>('ProjectActionCount', actionCountSchema);
export const projectLeaderboardModel = (c: Connection): Model<ProjectLeaderboardRecord> =>
  c.model<ProjectLeaderboardRecord>('ProjectLeaderboard', leaderboardSchema);
