// A token index every subgraph keeps in its own store, for search in English
// and Chinese on MongoDB and FerretDB alike (FerretDB has no $text index and
// only uses an index for `{_id: value}`): so every read is a point lookup.
//   search_tokens:  { _id: token, title: [ref], body: [ref] }  ref = "<TYPE>:<id>"
//   search_records: { _id: ref, type, id, pillar, title, body, countryCodes, tokens }
// A record's write re-indexes it (indexSearchDocuments): the tokens it lost
// are pulled, the new ones added, its record doc replaced; archived records
// leave the index. A query needs every one of its tokens (AND); a token in the
// title scores 3, in the body 1. Scores use no statistics of the store (no
// document frequencies), so hits of different pillars' stores compare as they
// are (merged-hits.ts).
import type { Connection } from 'mongoose';
import type { LocalizedText } from '../../plan-data/index.js';
import { UPDATE_BATCH } from '../bulk-writes.js';
import { HAN_RUN, WORD, indexTokens, queryTokens, stem, wordTokens } from './tokenize.js';

/** What one record contributes to the index. */
export interface SearchDocument {
  /** SearchRecordType code, e.g. PROJECT. */
  type: string;
  id: string;
  /** Pillar code (POLITICAL_SECURITY, ECONOMY, SOCIAL_CULTURAL), null for the framework chapters. */
  pillar: string | null;
  title: LocalizedText;
  /** Further searchable texts, ranked below the title. */
  body: string[];
  countryCodes: string[];
}

interface TokenDoc {
  _id: string;
  title?: string[];
  body?: string[];
}

interface RecordDoc extends SearchDocument {
  _id: string;
  tokens: { title: string[]; body: string[] };
}

export interface SearchFilter {
  pillar?: string | null;
  country?: string | null;
  type?: string | null;
  first?: number | null;
}

export interface SearchHighlight {
  field: string;
  text: string;
}

/** A hit as the API serves it (the body texts show only through highlights). */
export interface SearchHitRecord extends Omit<SearchDocument, 'body'> {
  score: number;
  highlights: SearchHighlight[];
}

const TITLE_WEIGHT = 3;
const BODY_WEIGHT = 1;
export const DEFAULT_SEARCH_RESULTS = 20;
export const MAX_SEARCH_RESULTS = 100;

export const searchRef = (type: string, id: string) => `${type}:${id}`;

export const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The ranking order: higher score first, then by ref (type, then id, as strings), so equal scores always come out the same way. */
export const rankOrder = (scoreA: number, refA: string, scoreB: number, refB: string) => scoreB - scoreA || byString(refA, refB);

const collections = (connection: Connection) => ({
  tokens: connection.collection<TokenDoc>('search_tokens'),
  records: connection.collection<RecordDoc>('search_records'),
});

function tokensOf(doc: SearchDocument): RecordDoc['tokens'] {
  const title = indexTokens(`${doc.title.en} ${doc.title.zh}`);
  const inTitle = new Set(title);
  return { title, body: indexTokens(doc.body.join(' ')).filter((t) => !inTitle.has(t)) };
}

const minus = (a: string[], b: string[]) => {
  const other = new Set(b);
  return a.filter((x) => !other.has(x));
};

async function writeTokenOps(connection: Connection, ops: object[]): Promise<void> {
  const { tokens } = collections(connection);
  // FerretDB hangs on large update commands: small batches.
  for (let i = 0; i < ops.length; i += UPDATE_BATCH) {
    const batch = ops.slice(i, i + UPDATE_BATCH) as never;
    // Two writes adding the same new token race to upsert it and the loser gets E11000
    // (MongoDB retries such upserts itself, FerretDB does not): the token exists now, and
    // the ops are idempotent ($addToSet/$pull), so running the batch again completes it
    // (again only if another new token of the batch lost a race meanwhile).
    for (let attempt = 1; ; attempt++) {
      try {
        await tokens.bulkWrite(batch, { ordered: false });
        break;
      } catch (err) {
        if ((err as { code?: number }).code !== 11000 || attempt === 5) throw err;
      }
    }
  }
}

const pull = (token: string, field: 'title' | 'body', ref: string) => ({ updateOne: { filter: { _id: token }, update: { $pull: { [field]: ref } } } });
const add = (token: string, field: 'title' | 'body', ref: string) => ({
  updateOne: { filter: { _id: token }, update: { $addToSet: { [field]: ref } }, upsert: true },
});

/**
 * Re-indexes records after a write: `docs` are their new versions (null:
 * removed from the index, e.g. archived), by ref. Idempotent.
 */
export async function indexSearchDocuments(connection: Connection, changes: Array<{ ref: string; doc: SearchDocument | null }>): Promise<void> {
  const { records } = collections(connection);
  for (const { ref, doc } of changes) {
    const old = await records.findOne({ _id: ref });
    const before = old?.tokens ?? { title: [], body: [] };
    const after = doc ? tokensOf(doc) : { title: [], body: [] };
    await writeTokenOps(connection, [
      ...minus(before.title, after.title).map((t) => pull(t, 'title', ref)),
      ...minus(before.body, after.body).map((t) => pull(t, 'body', ref)),
      ...minus(after.title, before.title).map((t) => add(t, 'title', ref)),
      ...minus(after.body, before.body).map((t) => add(t, 'body', ref)),
    ]);
    if (doc) await records.replaceOne({ _id: ref }, { ...doc, tokens: after }, { upsert: true });
    else if (old) await records.deleteOne({ _id: ref });
  }
}

/** Replaces the whole index with these documents (seeding; bulk inserts only). */
export async function rebuildSearchIndex(connection: Connection, docs: SearchDocument[]): Promise<void> {
  const { tokens, records } = collections(connection);
  await tokens.deleteMany({});
  await records.deleteMany({});
  const byToken = new Map<string, { title: string[]; body: string[] }>();
  const recordDocs: RecordDoc[] = docs.map((doc) => {
    const ref = searchRef(doc.type, doc.id);
    const t = tokensOf(doc);
    for (const field of ['title', 'body'] as const) {
      for (const token of t[field]) {
        const entry = byToken.get(token) ?? { title: [], body: [] };
        entry[field].push(ref);
        byToken.set(token, entry);
      }
    }
    return { ...doc, _id: ref, tokens: t };
  });
  const tokenDocs: TokenDoc[] = [...byToken].map(([token, refs]) => ({ _id: token, ...refs }));
  for (let i = 0; i < recordDocs.length; i += 1000) await records.insertMany(recordDocs.slice(i, i + 1000), { ordered: false });
  for (let i = 0; i < tokenDocs.length; i += 1000) await tokens.insertMany(tokenDocs.slice(i, i + 1000), { ordered: false });
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Where the query's words (by stem) and Han runs occur in the text, in order, without overlaps. */
function matchesIn(text: string, query: string): Array<[number, number]> {
  const stems = new Set(wordTokens(query));
  const runs = [...new Set(query.match(HAN_RUN) ?? [])];
  const marks: Array<[number, number]> = [];
  for (const m of text.matchAll(WORD)) if (stems.has(stem(m[0].toLowerCase()))) marks.push([m.index!, m.index! + m[0].length]);
  for (const run of runs) for (let i = text.indexOf(run); i >= 0; i = text.indexOf(run, i + run.length)) marks.push([i, i + run.length]);
  marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: Array<[number, number]> = [];
  for (const m of marks) if (!kept.length || m[0] >= kept[kept.length - 1][1]) kept.push(m);
  return kept;
}

function render(text: string, marks: Array<[number, number]>, from: number, to: number): string {
  let out = '';
  let at = from;
  for (const [start, end] of marks) {
    if (start < from || end > to) continue;
    out += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** The text (HTML-escaped) with the query's words and Han runs in <mark>…</mark>; null when nothing matches. */
export function highlight(text: string, query: string): string | null {
  const marks = matchesIn(text, query);
  return marks.length ? render(text, marks, 0, text.length) : null;
}

const SNIPPET_CONTEXT = 60;

/** A body text cut to about 60 characters either side of its first match. */
function snippet(text: string, query: string): string | null {
  const marks = matchesIn(text, query);
  if (!marks.length) return null;
  const from = Math.max(0, marks[0][0] - SNIPPET_CONTEXT);
  const to = Math.min(text.length, marks[0][1] + SNIPPET_CONTEXT);
  return `${from > 0 ? '…' : ''}${render(text, marks, from, to)}${to < text.length ? '…' : ''}`;
}

function highlightsOf(doc: SearchDocument, query: string): SearchHighlight[] {
  const fields: Array<[string, string | null]> = [
    ['title.en', highlight(doc.title.en, query)],
    ['title.zh', highlight(doc.title.zh, query)],
    ...doc.body.map((b, i): [string, string | null] => [`body[${i}]`, snippet(b, query)]),
  ];
  return fields.filter((f): f is [string, string] => f[1] !== null).map(([field, text]) => ({ field, text }));
}

/** Records matching every token of the query, best first (score, then ref), filtered; at most `first` (≤ 100). */
export async function searchIndex(connection: Connection, query: string, filter: SearchFilter = {}): Promise<SearchHitRecord[]> {
  const { tokens, records } = collections(connection);
  const wanted = queryTokens(query);
  const first = Math.max(0, Math.min(filter.first ?? DEFAULT_SEARCH_RESULTS, MAX_SEARCH_RESULTS));
  if (!wanted.length || first === 0) return [];
  const found = await Promise.all(wanted.map((t) => tokens.findOne({ _id: t })));
  if (found.some((d) => !d)) return [];
  // Refs in every token's lists, with the sum of their weights.
  const weightsOf = (d: TokenDoc) => new Map<string, number>([...(d.body ?? []).map((r): [string, number] => [r, BODY_WEIGHT]), ...(d.title ?? []).map((r): [string, number] => [r, TITLE_WEIGHT])]);
  const [head, ...rest] = (found as TokenDoc[]).map(weightsOf);
  const scores = new Map<string, number>();
  for (const [ref, w] of head) {
    const others = rest.map((m) => m.get(ref));
    if (others.every((x) => x !== undefined)) scores.set(ref, others.reduce<number>((sum, x) => sum + x!, w));
  }
  const typePrefix = filter.type ? `${filter.type}:` : null;
  const ranked = [...scores].filter(([ref]) => !typePrefix || ref.startsWith(typePrefix)).sort((a, b) => rankOrder(a[1], a[0], b[1], b[0]));
  const hits: SearchHitRecord[] = [];
  // Record docs by point lookups, a page at a time, until enough pass the filters.
  for (let i = 0; i < ranked.length && hits.length < first; i += UPDATE_BATCH) {
    const page = ranked.slice(i, i + UPDATE_BATCH);
    const docs = await Promise.all(page.map(([ref]) => records.findOne({ _id: ref })));
    page.forEach(([, score], j) => {
      const d = docs[j];
      if (!d || hits.length >= first) return;
      if (filter.pillar && d.pillar !== filter.pillar) return;
      if (filter.country && !d.countryCodes.includes(filter.country.toUpperCase())) return;
      const doc: SearchDocument = { type: d.type, id: d.id, pillar: d.pillar, title: d.title, body: d.body, countryCodes: d.countryCodes };
      hits.push({ type: d.type, id: d.id, pillar: d.pillar, title: d.title, countryCodes: d.countryCodes, score, highlights: highlightsOf(doc, query) });
    });
  }
  return hits;
}
