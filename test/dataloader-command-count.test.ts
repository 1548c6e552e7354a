// The gateway sends every representation of an entity in one _entities call,
// duplicates included. Each subgraph must answer it with a fixed number of
// database commands, whether it gets 1 representation or 100.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../embedded-store/launcher.js';
import { freePort } from '../platform-kit/free-port.js';
import { runSubgraph, type RunningSubgraph } from '../platform-kit/subgraph-server.js';
import { actionsOwnedBy } from '../plan-data/index.js';
import { subgraphDefinitions } from '../subgraphs/definitions.js';
import { graphqlData } from './support/graphql-client.js';
import { signedSubgraphHeaders, testSigningSecret } from './support/identities.js';

type Name = keyof typeof subgraphDefinitions;
const running: Array<{ name: Name; subgraph: RunningSubgraph; commands: string[] }> = [];
let store: EmbeddedStore;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lmc-dataloader-'));
  store = await startEmbeddedStore({ dataDir });
  for (const name of Object.keys(subgraphDefinitions) as Name[]) {
    const definition = subgraphDefinitions[name];
    const commands: string[] = [];
    const env = {
      [definition.info.mongoUriEnv]: store.uri,
      [definition.info.portEnv]: String(await freePort()),
      // A little synthetic data so loaders have something to find.
      LMC_SYNTHETIC_SCALE: '1',
      LMC_GATEWAY_SIGNING_SECRET: testSigningSecret,
    };
    const subgraph = await runSubgraph(definition as never, env, {
      monitorCommands: true,
      onConnection: (c: Connection) => c.getClient().on('commandStarted', (e) => commands.push(e.commandName)),
    });
    running.push({ name, subgraph, commands });
  }
});
afterAll(async () => {
  for (const r of running) await r.subgraph.stop();
  await store?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Database queries one request to a subgraph issues. getMore is left out: it
 * fetches further batches of a query already counted (more rows, same query).
 */
async function commandsFor(name: Name, query: string, variables: Record<string, unknown>): Promise<string[]> {
  const r = running.find((x) => x.name === name)!;
  r.commands.length = 0;
  // Signed the way the gateway signs: subgraphs refuse anything else.
  await graphqlData(r.subgraph.url, query, variables, signedSubgraphHeaders());
  return r.commands.filter((c) => c !== 'getMore');
}

const entitiesQuery = (typeName: string) => `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on ${typeName} { stewardSubgraph progress(year: 2020) { status } } } }`;

const actionTypeOf: Record<Name, string> = {
  'political-security': 'PoliticalSecurityAction',
  economy: 'EconomicAction',
  'social-cultural': 'SocialCulturalAction',
};

describe.each(Object.keys(subgraphDefinitions) as Name[])('%s', (name) => {
  const owned = actionsOwnedBy(name).filter((a) => a.chapter === 'IV').map((a) => a.number);
  const representations = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ __typename: actionTypeOf[name], number: owned[i % owned.length] }));

  it('answers 1 and 100 action references (with duplicates) with the same number of database commands', async () => {
    const query = entitiesQuery(actionTypeOf[name]);
    const one = await commandsFor(name, query, { representations: representations(1) });
    const hundred = await commandsFor(name, query, { representations: representations(100) });
    expect(one.length).toBeGreaterThan(0);
    expect(hundred).toEqual(one);
  });

  it('answers 1 and 100 country references the same way', async () => {
    const field = { 'political-security': 'politicalSecurity', economy: 'economy', 'social-cultural': 'socialCultural' }[name];
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Country { code ${field} { progressAssessmentCount progressSummary(year: 2020) { assessedCount } } } } }`;
    const codes = ['CN', 'KH', 'LA', 'MM', 'TH', 'VN'];
    const reps = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Country', code: codes[i % 6] }));
    const one = await commandsFor(name, query, { representations: reps(1) });
    const hundred = await commandsFor(name, query, { representations: reps(100) });
    expect(hundred).toEqual(one);
  });
});
