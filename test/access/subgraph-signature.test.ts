// Every subgraph refuses requests the gateway did not sign — including the
// federation fields _service and _entities — and accepts the ones it did.
import { describe, expect, it } from 'vitest';
import { signPrincipal, principalHeader, signatureHeader } from '../../platform-kit/access/internal-header.js';
import { runSubgraph } from '../../platform-kit/subgraph-server.js';
import { subgraphDefinitions } from '../../subgraphs/definitions.js';
import { editorOf, secretariatAdmin, signedSubgraphHeaders } from '../support/identities.js';
import { platformForFile } from '../support/platform-fixture.js';

const platform = platformForFile();

const federationQueries = {
  _service: '{ _service { sdl } }',
  _entities: '{ _entities(representations: [{ __typename: "Country", code: "TH" }]) { ... on Country { code } } }',
};

async function post(url: string, query: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

const subgraphNames = Object.keys(subgraphDefinitions);

describe.each(subgraphNames)('%s subgraph called directly', (name) => {
  const url = () => platform.subgraphs[name].url;

  const rejectedWith = async (headers: Record<string, string>, message: RegExp) => {
    for (const query of Object.values(federationQueries)) {
      const { status, body } = await post(url(), query, headers);
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.errors?.[0].message).toMatch(message);
    }
  };

  it('rejects _service and _entities without the signed header', async () => {
    await rejectedWith({}, /signed principal header is missing/);
    await rejectedWith({ [principalHeader]: signedSubgraphHeaders()[principalHeader] }, /missing/);
  });

  it('rejects a header signed with another secret', async () => {
    await rejectedWith(signPrincipal(secretariatAdmin, 'not-the-gateway-secret-at-all'), /signature is invalid/);
  });

  it('rejects a principal swapped under a genuine signature', async () => {
    const genuine = signedSubgraphHeaders(editorOf('economy'));
    const swapped = { [principalHeader]: signedSubgraphHeaders(secretariatAdmin)[principalHeader], [signatureHeader]: genuine[signatureHeader] };
    await rejectedWith(swapped, /signature is invalid/);
  });

  it('rejects a genuine header more than 5 minutes old, and one from the future', async () => {
    await rejectedWith(signedSubgraphHeaders(secretariatAdmin, Date.now() - 5 * 60_000 - 5000), /stale/);
    await rejectedWith(signedSubgraphHeaders(secretariatAdmin, Date.now() + 10 * 60_000), /stale/);
  });

  it('answers _service and _entities with a valid signature, with the signed principal in context', async () => {
    const headers = signedSubgraphHeaders(editorOf('economy', 'VN'));
    const service = await post(url(), federationQueries._service, headers);
    expect(service.body.errors).toBeUndefined();
    expect(service.body.data._service.sdl).toMatch(/type Query/);
    const entities = await post(url(), federationQueries._entities, headers);
    expect(entities.body.errors).toBeUndefined();
    expect(entities.body.data._entities).toEqual([{ code: 'TH' }]);
    const viewer = await post(url(), '{ viewer { id role pillar countryCode } }', headers);
    expect(viewer.body.data.viewer).toEqual({ id: 'test-editor-economy-VN', role: 'MINISTRY_EDITOR', pillar: 'ECONOMY', countryCode: 'VN' });
  });
});

describe('subgraph start-up', () => {
  it('refuses to start without a signing secret rather than serve unprotected', async () => {
    const env = { LMC_GATEWAY_SIGNING_SECRET: '' };
    await expect(runSubgraph(subgraphDefinitions.economy as never, env)).rejects.toThrow(/LMC_GATEWAY_SIGNING_SECRET must be set/);
  });
});
