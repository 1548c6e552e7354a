// Relay-style cursor pagination over a mongoose model, ordered by _id (stable:
// ids are unique and immutable). Cursor = base64url(JSON(_id)).
import { trusted, type Model } from 'mongoose';
import { badUserInput } from './input-errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}

export const encodeCursor = (id: unknown) => Buffer.from(JSON.stringify(id)).toString('base64url');

export function decodeCursor(cursor: string): string | number {
  try {
    const id = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof id === 'string' || typeof id === 'number') return id;
  } catch {
    // fall through to the error below
  }
  throw badUserInput('after', 'a cursor returned by this API');
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput('first', `an integer from 0 to ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** One page of `filter` in _id order; totalCount is lazy (only counted when asked for). */
export async function paginate<T extends { _id: string | number }>(
  model: Model<T>,
  filter: Record<string, unknown>,
  args: PageArgs,
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const pageFilter = args.after != null ? { $and: [filter, { _id: trusted({ $gt: decodeCursor(args.after) }) }] } : filter;
  // One extra row tells whether another page follows.
  const rows = (await model.find(pageFilter).sort({ _id: 1 }).limit(size + 1).lean()) as unknown as T[];
  const page = rows.slice(0, size);
  let total: Promise<number> | null = null;
  return {
    edges: page.map((node) => ({ cursor: encodeCursor(node._id), node })),
    pageInfo: { hasNextPage: rows.length > size, endCursor: page.length ? encodeCursor(page[page.length - 1]._id) : null },
    totalCount: () => (total ??= model.countDocuments(filter).exec()),
  };
}
