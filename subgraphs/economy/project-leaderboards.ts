// Top projects by committed USD per scope, kept on write so topProjects never
// sorts the whole collection. A board holds the best entries of its scope; when
// `truncated`, every project of the scope not on the board ranks below its
// last entry, so any prefix of the board is the exact top of the scope.
import { trusted, type Model } from 'mongoose';
import { activeProjects } from './project-filter.js';
import type { ProjectRecord } from './project-model.js';
import type { LeaderboardEntry, ProjectLeaderboardRecord } from './project-rollup-models.js';

/** Entries kept per board; a truncated board shorter than REFILL_BELOW is rebuilt by a scan. */
export const BOARD_CAPACITY = 200;
export const REFILL_BELOW = 100;

export const ALL_SCOPE = 'ALL';
export const countryScope = (code: string) => `C:${code}`;
export const sectorScope = (code: string) => `S:${code}`;

export const scopesOf = (p: ProjectRecord) => [ALL_SCOPE, ...p.countryCodes.map(countryScope), sectorScope(p.sectorCode)];

/** The projects filter of a scope (archived projects are on no board). */
export function scopeFilter(scope: string): Record<string, unknown> {
  if (scope === ALL_SCOPE) return activeProjects();
  if (scope.startsWith('C:')) return { countryCodes: scope.slice(2), ...activeProjects() };
  if (scope.startsWith('S:')) return { sectorCode: scope.slice(2), ...activeProjects() };
  throw new Error(`unknown leaderboard scope ${scope}`);
}

/** Ranking order: USD descending, then id ascending (a total order). */
export const rankOrder = (a: LeaderboardEntry, b: LeaderboardEntry) => b.usd - a.usd || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface EntryChange {
  id: string;
  /** The project's entry in this scope after the write; null when it left the scope or was deleted. */
  after: LeaderboardEntry | null;
}

/** Applies changes to a board; returns null when the board can no longer answer and must be rebuilt. */
export function mergeBoard(board: Pick<ProjectLeaderboardRecord, 'entries' | 'truncated'>, changes: EntryChange[]) {
  const boundary = board.entries[board.entries.length - 1];
  const changed = new Set(changes.map((c) => c.id));
  const entries = board.entries.filter((e) => !changed.has(e.id));
  for (const c of changes) {
    // Outside projects rank below the old boundary; anything ranking above it may join.
    if (c.after && (!board.truncated || !boundary || rankOrder(c.after, boundary) <= 0)) entries.push(c.after);
  }
  entries.sort(rankOrder);
  let truncated = board.truncated;
  if (entries.length > BOARD_CAPACITY) {
    entries.length = BOARD_CAPACITY;
    truncated = true;
  }
  if (truncated && entries.length < REFILL_BELOW) return null;
  return { entries, truncated };
}

/** Recomputes one board from the projects (a scan: only on rebuild or rare refills). */
export async function scanBoard(projects: Model<ProjectRecord>, scope: string) {
  const rows = (await projects
    .find(scopeFilter(scope), { _id: 1, totals: 1 })
    .sort({ 'totals.committedUsd': -1, _id: 1 })
    .limit(BOARD_CAPACITY + 1)
    .lean()) as Array<Pick<ProjectRecord, '_id' | 'totals'>>;
  const entries = rows.map((r) => ({ id: r._id, usd: r.totals.committedUsd }));
  const truncated = entries.length > BOARD_CAPACITY;
  return { entries: entries.slice(0, BOARD_CAPACITY), truncated };
}

/** Applies per-scope changes with optimistic concurrency (retry when another writer got there first). */
export async function updateBoards(
  models: { projects: Model<ProjectRecord>; projectLeaderboards: Model<ProjectLeaderboardRecord> },
  changesByScope: Map<string, EntryChange[]>,
): Promise<void> {
  for (const [scope, changes] of changesByScope) {
    for (let attempt = 0; ; attempt++) {
      const board = await models.projectLeaderboards.findOne({ _id: scope }).lean<ProjectLeaderboardRecord>();
      if (!board) {
        // A new board: its contents are the scope's projects as now stored.
        const fresh = await scanBoard(models.projects, scope);
        const res = await models.projectLeaderboards.updateOne(
          { _id: scope },
          { $setOnInsert: { ...fresh, version: 0 } },
          { upsert: true },
        );
        if (res.upsertedCount === 1) break;
        continue;
      }
      const merged = mergeBoard(board, changes) ?? (await scanBoard(models.projects, scope));
      const res = await models.projectLeaderboards.updateOne(
        { _id: scope, version: board.version },
        { $set: { entries: merged.entries, truncated: merged.truncated }, $inc: { version: 1 } },
      );
      if (res.matchedCount === 1) break;
      if (attempt > 20) throw new Error(`leaderboard ${scope}: too many concurrent updates`);
    }
  }
}

/** Replaces every board by a scan-free pass over projects already streamed (used by rebuild). */
export async function replaceBoards(
  boards: Model<ProjectLeaderboardRecord>,
  computed: Map<string, { entries: LeaderboardEntry[]; truncated: boolean }>,
): Promise<void> {
  await boards.deleteMany({ _id: trusted({ $nin: [...computed.keys()] }) });
  for (const [scope, b] of computed) {
    await boards.updateOne({ _id: scope }, { $set: { entries: b.entries, truncated: b.truncated }, $inc: { version: 1 } }, { upsert: true });
  }
}

/** Keeps the best BOARD_CAPACITY entries per scope while streaming projects. */
export class BoardAccumulator {
  private readonly boards = new Map<string, { entries: LeaderboardEntry[]; truncated: boolean }>();

  add(p: ProjectRecord): void {
    for (const scope of scopesOf(p)) {
      const b = this.boards.get(scope) ?? { entries: [], truncated: false };
      b.entries.push({ id: p._id, usd: p.totals.committedUsd });
      // Sort and cut in chunks so memory stays bounded by twice the capacity.
      if (b.entries.length >= 2 * BOARD_CAPACITY) this.cut(b);
      this.boards.set(scope, b);
    }
  }

  private cut(b: { entries: LeaderboardEntry[]; truncated: boolean }) {
    b.entries.sort(rankOrder);
    if (b.entries.length > BOARD_CAPACITY) {
      b.entries.length = BOARD_CAPACITY;
      b.truncated = true;
    }
  }

  result() {
    for (const b of this.boards.values()) this.cut(b);
    return this.boards;
  }
}
