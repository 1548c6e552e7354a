// What every write of a record kind feeds for the think-tank network: the
// search index (search/) and the change log mirrors sync from (change-log.ts).
import type { AuditedKind } from '../audit/write-audited.js';
import { withSearchIndex, type SearchDocument } from '../search/index.js';
import { withChangeLog } from './change-log.js';

export const withThinkTankFeeds = <T extends { _id: string; archived?: boolean }>(kind: AuditedKind<T>, toDocument: (record: T) => SearchDocument) =>
  withChangeLog(withSearchIndex(kind, toDocument));
