// A subgraph's store out of reach (down, restarting, unreachable) is an
// outage, not a bug: such errors reach clients as STORE_UNAVAILABLE with a
// message that says what to do, instead of a masked internal error. Other
// errors are left as they are (the gateway masks unexpected ones).
import type { GraphQLFormattedError } from 'graphql';

/** Driver and mongoose errors that mean "the store could not be reached", by class name. */
const unreachableStore = /^Mongo(?:ose)?(?:ServerSelection|Network|NetworkTimeout|NotConnected|TopologyClosed|PoolCleared)Error$/;
/** Labels the driver puts on errors of other classes (e.g. a bulk write cut off) when the connection failed. */
const connectionLabels = ['ResetPool', 'PoolRequestedRetry', 'RetryableWriteError', 'InterruptInUseConnections'];

export const storeUnavailableCode = 'STORE_UNAVAILABLE';

/** Whether the error, or one it wraps (originalError, cause), is a store connectivity failure. */
export function isStoreUnreachable(error: unknown): boolean {
  for (let e = error as { name?: string; hasErrorLabel?: (label: string) => boolean; originalError?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.name === 'string' && unreachableStore.test(e.name)) return true;
    if (typeof e.hasErrorLabel === 'function' && connectionLabels.some((l) => e!.hasErrorLabel!(l))) return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

/** Apollo Server formatError for a subgraph named `pillar`. */
export const formatStoreErrors =
  (pillar: string) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError =>
    isStoreUnreachable(error)
      ? {
          ...formatted,
          message: `The ${pillar} store is unreachable right now; retry shortly (a write may or may not have been applied: repeating it with the same id is safe)`,
          extensions: { code: storeUnavailableCode },
        }
      : formatted;
