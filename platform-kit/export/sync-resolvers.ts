// The `<pillar>Changes(since, first)` query every pillar answers from its change log.
import type { Connection } from 'mongoose';
import { badUserInput } from '../input-errors.js';
import { changesSince, MAX_CHANGES, type ChangeEntry } from './change-log.js';

export function changesQuery<C>(connectionOf: (ctx: C) => Connection) {
  return async (_: unknown, { since, first }: { since: Date; first?: number | null }, ctx: C): Promise<ChangeEntry[]> => {
    if (first != null && (first < 0 || first > MAX_CHANGES)) throw badUserInput('first', `0..${MAX_CHANGES}`);
    return changesSince(connectionOf(ctx), since, { first });
  };
}

export const recordChangeResolvers = { id: (c: ChangeEntry) => c.recordId };
