// A pillar's store SIGKILLed and restarted (same port, same data folder) under
// a stream of writes through the gateway: while it is gone writes fail with
// an error within the timeout instead of hanging, the subgraph reconnects by
// itself, and every write that was acknowledged is there afterwards.
import { editorOf, signedSubgraphHeaders } from '../../test/support/identities.js';
import { alive } from '../../test/support/processes.js';
import { pillarTypePrefix } from '../../subgraphs/registry.js';
import { closedLoop, round, sleep, timedPost, type ScenarioResult } from '../measure.js';
import type { PillarName, ResiliencePlatform } from '../platform.js';
import { createOrganisation, describe, organisationInput, organisationRevisions, readBackOrganisations } from '../traffic.js';
import { storeUnavailableCode } from '../../platform-kit/store-errors.js';
import { subgraphUnavailableCode } from '../../gateway/subgraph-data-source.js';

/** serverSelectionTimeoutMS of every subgraph's store connection (platform-kit/mongo-store.ts). */
const storeTimeoutMs = 5000;

export interface StoreRestartedOptions {
  victim?: PillarName;
  workers?: number;
  beforeMs?: number;
  downMs?: number;
  afterMs?: number;
  /** How long after the store is back writes must succeed again. */
  reconnectLimitMs?: number;
}

/** What a client may be told while a store is down. */
const outageCodes = [storeUnavailableCode, subgraphUnavailableCode];

export async function storeRestarted(platform: ResiliencePlatform, options: StoreRestartedOptions = {}): Promise<ScenarioResult> {
  const { victim = 'economy', workers = 3, beforeMs = 2000, downMs = 7000, afterMs = 2000, reconnectLimitMs = 30_000 } = options;
  // An error comes from the store's server selection timeout or the gateway's, whichever is
  // shorter, plus a loaded machine's scheduling slack.
  const errorLimitMs = Math.min(platform.subgraphTimeoutMs, storeTimeoutMs) + 1500;
  const failures: string[] = [];
  const run = `store-${Date.now().toString(36)}`;
  const acknowledged: string[] = [];
  const unacknowledged: string[] = [];
  const errorKinds = new Map<string, number>();
  let phase: 'before' | 'down' | 'back' | 'after' = 'before';
  let maxErrorMs = 0;
  let firstAckAfterRestart = 0;
  let n = 0;
  let subgraphErrorMs = 0;
  let subgraphError = '';

  const load = closedLoop(workers, async () => {
    const i = n++;
    const id = `${run}-${i}`;
    const sentIn = phase;
    const res = await createOrganisation(platform.gatewayUrl, victim, id, i);
    // Only a write sent and answered within one healthy phase had to succeed.
    const healthyPhase = sentIn === phase && (phase === 'before' || phase === 'after') ? phase : undefined;
    if (res.acknowledged) {
      acknowledged.push(id);
      if (phase === 'back' && !firstAckAfterRestart) firstAckAfterRestart = performance.now();
      return;
    }
    unacknowledged.push(id);
    maxErrorMs = Math.max(maxErrorMs, res.ms);
    const codes = res.body.errors?.map((e) => `${e.extensions?.code}: ${e.message.replace(/\d+ ms/, 'N ms')}`) ?? [];
    const kind = codes.length ? codes.join('; ') : describe(res);
    errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    // Every failure must be a GraphQL error naming the pillar and the outage (its store, or the gateway's timeout), in time.
    const clear = res.status === 200 && res.body.errors?.every((e) => outageCodes.includes(String(e.extensions?.code)) && e.extensions?.serviceName === victim);
    if (!clear) failures.push(`${phase}: unclear error ${describe(res)}`);
    if (res.ms > errorLimitMs) failures.push(`${phase}: error after ${round(res.ms)} ms (limit ${errorLimitMs} ms)`);
    if (healthyPhase) failures.push(`${healthyPhase}: write failed while the store was up: ${describe(res)}`);
    // Don't spin on instant failures.
    await sleep(50);
  });

  let killedAt = 0;
  let restartedAt = 0;
  try {
    await sleep(beforeMs);
    if (acknowledged.length === 0) failures.push('no write acknowledged before the kill');
    phase = 'down';
    killedAt = performance.now();
    await platform.killStore(victim);
    // Behind the gateway's shorter timeout: the subgraph itself must fail too, within the
    // driver's server selection timeout (platform-kit/mongo-store.ts), not hang.
    const directWrite = (async () => {
      const started = performance.now();
      const Pillar = pillarTypePrefix(victim);
      const res = await timedPost(
        platform.subgraph(victim).url,
        { query: `mutation($id: ID, $input: OrganisationInput!) { create${Pillar}Organisation(id: $id, input: $input) { id } }`, variables: { id: `${run}-direct`, input: organisationInput(-1) } },
        signedSubgraphHeaders(editorOf(victim)),
      );
      return { res, ms: performance.now() - started };
    })();
    await sleep(downMs);
    const { res: directRes, ms: directMs } = await directWrite;
    subgraphErrorMs = directMs;
    subgraphError = directRes.body.errors?.[0]?.message ?? describe(directRes);
    if (!directRes.body.errors?.length) failures.push(`a write straight to ${victim} succeeded while its store was down`);
    else if (directRes.body.errors[0].extensions?.code !== storeUnavailableCode) failures.push(`${victim} reported its store outage as ${describe(directRes)}`);
    if (directMs > storeTimeoutMs + 1500) failures.push(`${victim} answered a write after ${round(directMs)} ms with its store down (limit ${storeTimeoutMs + 1500} ms)`);
    await platform.restartStore(victim);
    restartedAt = performance.now();
    phase = 'back';
    const deadline = restartedAt + reconnectLimitMs;
    while (!firstAckAfterRestart && performance.now() < deadline) await sleep(50);
    if (!firstAckAfterRestart) failures.push(`no write acknowledged within ${reconnectLimitMs} ms of the store's restart: the subgraph did not reconnect`);
    else {
      phase = 'after';
      await sleep(afterMs);
    }
  } finally {
    await load.stop();
  }
  if (!alive(platform.subgraph(victim).process.pid!)) failures.push(`${victim} subgraph process died`);
  if (!alive(platform.gateway.process.pid!)) failures.push('gateway process died');

  // Every acknowledged write must be stored; failed ones may or may not have landed.
  const found = await readBackOrganisations(platform.gatewayUrl, victim, acknowledged);
  const lost = acknowledged.filter((id) => !found.has(id));
  if (lost.length) failures.push(`${lost.length} acknowledged writes lost: ${lost.slice(0, 10).join(', ')}`);
  const landed = await readBackOrganisations(platform.gatewayUrl, victim, unacknowledged);
  // Each stored organisation was created once: exactly one revision in its history.
  const revisions = await organisationRevisions(platform.gatewayUrl, victim, [...found, ...landed]);
  const badHistory = [...revisions].filter(([, count]) => count !== 1);
  const ackBadHistory = badHistory.filter(([id]) => found.has(id));
  if (ackBadHistory.length) failures.push(`acknowledged writes without exactly one revision: ${ackBadHistory.slice(0, 5).map(([id, c]) => `${id} (${c})`).join(', ')}`);
  const failedDuringOutage = [...errorKinds.values()].reduce((a, b) => a + b, 0);
  if (failedDuringOutage === 0) failures.push('no write failed while the store was down: the kill did not take effect');

  return {
    name: 'store killed and restarted',
    figures: {
      victim,
      writes: acknowledged.length + unacknowledged.length,
      acknowledged: acknowledged.length,
      failed: unacknowledged.length,
      lost: lost.length,
      failedButStored: landed.size,
      storedWithoutOneRevision: badHistory.length,
      maxErrorMs: round(maxErrorMs),
      errorLimitMs,
      subgraphErrorMs: round(subgraphErrorMs),
      subgraphError: subgraphError.slice(0, 120),
      reconnectMs: firstAckAfterRestart ? round(firstAckAfterRestart - restartedAt) : 'none',
      outageMs: firstAckAfterRestart ? round(firstAckAfterRestart - killedAt) : 'none',
      errors: [...errorKinds.entries()].map(([k, v]) => `${v}× ${k}`).join(' | ').slice(0, 400),
    },
    failures: failures.slice(0, 20),
  };
}
