// The only way projects are written (synthetic seed now, mutations later): each
// write updates the records AND their rollups (cells, action counts,
// leaderboards). No transactions: a write marker brackets every write, and a
// marker left by a crash makes repairProjectRollups rebuild from scratch.
import { trusted } from 'mongoose';
import { canonicalJson } from '../../platform-kit/bulk-writes.js';
import { actionCountDeltas, CellDeltas, cellKey } from './project-contributions.js';
import { BoardAccumulator, replaceBoards, scopesOf, updateBoards, type EntryChange } from './project-leaderboards.js';
import { toProjectRecord, type ProjectInput, type ProjectRecord } from './project-model.js';
import type { Models } from './models.js';
import type { ProjectRollupRecord } from './project-rollup-models.js';
import { withWriteMarker } from './write-markers.js';

const measureNames = ['projectCount', 'committedUsd', 'disbursedUsd', 'expendedUsd'] as const;

type ProjectModels = Pick<
  Models,
  'projects' | 'projectRollups' | 'projectActionCounts' | 'projectLeaderboards' | 'writeMarkers'
>;

async function findProjects(models: ProjectModels, ids: string[]): Promise<ProjectRecord[]> {
  if (ids.length === 0) return [];
  return (await models.projects.find({ _id: trusted({ $in: ids }) }).lean()) as unknown as ProjectRecord[];
}

/** Whether a project counts in rollups and leaderboards (archived ones do not). */
export const isActiveProject = (p: ProjectRecord) => !p.archived;

/** Applies the rollup consequences of replacing `olds` by `news` (same ids; a missing or archived new = deleted). */
async function applyRollupDeltas(models: ProjectModels, allOlds: ProjectRecord[], allNews: ProjectRecord[]): Promise<void> {
  const olds = allOlds.filter(isActiveProject);
  const news = allNews.filter(isActiveProject);
  const cells = new CellDeltas();
  for (const p of olds) cells.add(p, -1);
  for (const p of news) cells.add(p, 1);
  // One $inc per country scope document (at most 7), whatever the number of projects.
  const byScope = new Map<string, Record<string, number>>();
  for (const d of cells.nonZero()) {
    const inc = byScope.get(d.countryCode) ?? {};
    const key = cellKey(d);
    for (const m of measureNames) if (d[m] !== 0) inc[`cells.${key}.${m}`] = d[m];
    byScope.set(d.countryCode, inc);
  }
  for (const [scope, inc] of byScope) await models.projectRollups.updateOne({ _id: scope }, { $inc: inc }, { upsert: true });
  const actionDeltas = actionCountDeltas(olds, news);
  if (actionDeltas.size) {
    const inc = Object.fromEntries([...actionDeltas].map(([n, d]) => [`counts.${n}`, d]));
    await models.projectActionCounts.updateOne({ _id: 'all' }, { $inc: inc }, { upsert: true });
  }
  const changesByScope = new Map<string, EntryChange[]>();
  const change = (scope: string, c: EntryChange) => changesByScope.set(scope, [...(changesByScope.get(scope) ?? []), c]);
  const newById = new Map(news.map((p) => [p._id, p]));
  for (const p of olds) for (const s of scopesOf(p)) if (!newById.has(p._id) || !scopesOf(newById.get(p._id)!).includes(s)) change(s, { id: p._id, after: null });
  for (const p of news) for (const s of scopesOf(p)) change(s, { id: p._id, after: { id: p._id, usd: p.totals.committedUsd } });
  await updateBoards(models, changesByScope);
}

/**
 * Inserts or replaces projects by id (derived fields computed here) and keeps
 * the rollups in step. Unchanged projects are skipped, so re-running a write is a no-op.
 */
export async function upsertProjects(
  models: ProjectModels,
  inputs: ProjectInput[],
  options: { /** The caller guarantees none of these ids is stored yet (bulk seeding): skips the lookup. */ fresh?: boolean } = {},
): Promise<{ written: number }> {
  const byId = new Map(inputs.map((i) => [i._id, toProjectRecord(i)]));
  const olds = options.fresh ? [] : await findProjects(models, [...byId.keys()]);
  const oldById = new Map(olds.map((p) => [p._id, p]));
  const news = [...byId.values()].filter((p) => {
    const old = oldById.get(p._id);
    return !old || canonicalJson(models.projects.hydrate(old).toObject()) !== canonicalJson(new models.projects(p).toObject());
  });
  if (news.length === 0) return { written: 0 };
  const changedOlds = news.map((p) => oldById.get(p._id)).filter((p): p is ProjectRecord => !!p);
  await withWriteMarker(models.writeMarkers, 'projects', [], async () => {
    if (options.fresh) await models.projects.insertMany(news, { ordered: false });
    else await models.projects.bulkWrite(news.map((p) => ({ replaceOne: { filter: { _id: p._id }, replacement: p, upsert: true } })) as never);
    await applyRollupDeltas(models, changedOlds, news);
  });
  return { written: news.length };
}

/** Deletes projects by id and takes them out of the rollups. */
export async function deleteProjects(models: ProjectModels, ids: string[]): Promise<{ deleted: number }> {
  const olds = await findProjects(models, ids);
  if (olds.length === 0) return { deleted: 0 };
  await withWriteMarker(models.writeMarkers, 'projects', [], async () => {
    await models.projects.deleteMany({ _id: trusted({ $in: olds.map((p) => p._id) }) });
    await applyRollupDeltas(models, olds, []);
  });
  return { deleted: olds.length };
}

export const deleteProject = (models: ProjectModels, id: string) => deleteProjects(models, [id]);

/**
 * Recomputes every project rollup from the stored projects in one streaming
 * pass (memory bounded by the number of cells and boards, not of projects).
 */
export async function rebuildProjectRollups(models: ProjectModels): Promise<void> {
  const cells = new CellDeltas();
  const boards = new BoardAccumulator();
  const actionCounts = new Map<number, number>();
  for await (const doc of models.projects.find().lean().cursor({ batchSize: 2000 })) {
    const p = doc as unknown as ProjectRecord;
    if (!isActiveProject(p)) continue;
    cells.add(p, 1);
    boards.add(p);
    for (const n of new Set(p.actionNumbers)) actionCounts.set(n, (actionCounts.get(n) ?? 0) + 1);
  }
  const docs = new Map<string, ProjectRollupRecord>();
  for (const c of cells.cells.values()) {
    const doc = docs.get(c.countryCode) ?? { _id: c.countryCode, cells: {} };
    doc.cells[cellKey(c)] = { projectCount: c.projectCount, committedUsd: c.committedUsd, disbursedUsd: c.disbursedUsd, expendedUsd: c.expendedUsd };
    docs.set(c.countryCode, doc);
  }
  await models.projectRollups.deleteMany({});
  if (docs.size) await models.projectRollups.insertMany([...docs.values()]);
  await models.projectActionCounts.deleteMany({});
  await models.projectActionCounts.insertMany([{ _id: 'all', counts: Object.fromEntries([...actionCounts].map(([n, c]) => [String(n), c])) }]);
  await replaceBoards(models.projectLeaderboards, boards.result());
}

/** After a crash: rebuilds the rollups if a project write was interrupted, then clears its markers. */
export async function repairProjectRollups(models: ProjectModels): Promise<boolean> {
  const markers = await models.writeMarkers.find({ kind: 'projects' }, { _id: 1 }).lean();
  if (markers.length === 0) return false;
  await rebuildProjectRollups(models);
  await models.writeMarkers.deleteMany({ _id: trusted({ $in: markers.map((m) => m._id) }) });
  return true;
}
