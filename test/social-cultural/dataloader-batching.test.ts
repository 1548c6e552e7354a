// The social-cultural subgraph answers list-to-entity fields and entity
// references with a fixed number of database commands: 1 action or 100 (the
// gateway sends all 23 with duplicates), 1 programme or 100, 1 country or 100.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../embedded-store/launcher.js';
import { actionsOwnedBy } from '../../plan-data/index.js';
import { freePort } from '../../platform-kit/free-port.js';
import { runSubgraph, type RunningSubgraph } from '../../platform-kit/subgraph-server.js';
import { definition } from '../../subgraphs/social-cultural/definition.js';
import { graphqlData } from '../support/graphql-client.js';
import { signedSubgraphHeaders, testSigningSecret } from '../support/identities.js';

let store: EmbeddedStore;
let subgraph: RunningSubgraph;
let dataDir: string;
const commands: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lmc-sc-loaders-'));
  store = await startEmbeddedStore({ dataDir });
  const env = { [definition.info.mongoUriEnv]: store.uri, [definition.info.portEnv]: String(await freePort()), LMC_SYNTHETIC_SCALE: '1', LMC_GATEWAY_SIGNING_SECRET: testSigningSecret };
  subgraph = await runSubgraph(definition, env, {
    monitorCommands: true,
    onConnection: (c: Connection) => c.getClient().on('commandStarted', (e) => commands.push(e.commandName)),
  });
});
afterAll(async () => {
  await subgraph?.stop();
  await store?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Queries issued for one request (getMore only fetches more rows of a query already counted). */
async function commandsFor(query: string, variables: Record<string, unknown> = {}) {
  commands.length = 0;
  const data = await graphqlData(subgraph.url, query, variables, signedSubgraphHeaders());
  return { data, commands: commands.filter((c) => c !== 'getMore') };
}

/**
 * 100 entities cost no more commands than 1. (Fewer is possible: with 100
 * actions resolved, the actions a programme links to are already in the loader.)
 */
function expectNoGrowth(one: string[], hundred: string[]) {
  expect(one.length).toBeGreaterThan(0);
  expect(hundred.length, `1: ${one.join(',')} / 100: ${hundred.join(',')}`).toBeLessThanOrEqual(one.length);
  expect(hundred.length).toBeLessThanOrEqual(8);
}

describe('DataLoader batching in the social-cultural subgraph', () => {
  it('answers 1 and 100 action references with the same commands (counts, pages, organisers, actions)', async () => {
    const owned = actionsOwnedBy('social-cultural').map((a) => a.number);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on SocialCulturalAction { number programmeCount eventCount
      exchangeProgrammes(first: 3) { totalCount edges { node { id organisers { id } actions { number } } } }
      events(first: 2) { totalCount edges { node { id organisers { id } } } } } } }`;
    // Action 73 has both programmes (vocational training) and events (tourism) in the synthetic set.
    const one = await commandsFor(query, { r: [{ __typename: 'SocialCulturalAction', number: 73 }] });
    expect(one.data._entities[0].exchangeProgrammes.edges.length).toBeGreaterThan(0);
    expect(one.data._entities[0].events.edges.length).toBeGreaterThan(0);
    const hundred = await commandsFor(query, { r: Array.from({ length: 100 }, (_, i) => ({ __typename: 'SocialCulturalAction', number: owned[i % owned.length] })) });
    expect(hundred.data._entities).toHaveLength(100);
    expectNoGrowth(one.commands, hundred.commands);
  });

  it('answers 1 and 100 country references with the same commands', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country { code socialCultural {
      exchangeParticipants(year: 2020) { total } programmeCount eventCount(year: 2019)
      dengue: healthCases(disease: DENGUE, year: 2020) malaria: healthCases(disease: MALARIA, year: 2020) } } } }`;
    const codes = ['CN', 'KH', 'LA', 'MM', 'TH', 'VN'];
    const one = await commandsFor(query, { r: [{ __typename: 'Country', code: 'LA' }] });
    const hundred = await commandsFor(query, { r: Array.from({ length: 100 }, (_, i) => ({ __typename: 'Country', code: codes[i % 6] })) });
    expect(one.data._entities[0].socialCultural.dengue).toBeGreaterThan(0);
    expectNoGrowth(one.commands, hundred.commands);
  });

  it('lists 1 and 100 programmes and events with their organisers and actions in the same commands', async () => {
    const query = `query($n: Int) { exchangeProgrammes(first: $n) { edges { node { id organisers { id name { en } } actions { number } } } }
      events(first: $n) { edges { node { id organisers { id } actions { number } } } } }`;
    const one = await commandsFor(query, { n: 1 });
    const hundred = await commandsFor(query, { n: 100 });
    expect(hundred.data.exchangeProgrammes.edges).toHaveLength(100);
    expectNoGrowth(one.commands, hundred.commands);
  });
});
