// Gateway entry point. Reads gateway/supergraph.graphql (npm run compose) and
// subgraph URLs from <SUBGRAPH>_URL, e.g. ECONOMY_URL=http://127.0.0.1:4002/graphql.
import { existsSync, readFileSync } from 'node:fs';
import { exitOnSignals, exitWhenLauncherDies } from '../platform-kit/child-process.js';
import { subgraphs } from '../subgraphs/registry.js';
import { supergraphPath } from './compose-supergraph.js';
import { startGateway } from './gateway-server.js';

exitWhenLauncherDies();
if (!existsSync(supergraphPath)) {
  console.error(`[gateway] ${supergraphPath} is missing: run "npm run compose" first`);
  process.exit(1);
}
const gateway = await startGateway({
  supergraphSdl: readFileSync(supergraphPath, 'utf8'),
  subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, process.env[s.urlEnv]])),
  port: Number(process.env.GATEWAY_PORT ?? 4000),
  host: process.env.LMC_HOST ?? '127.0.0.1',
  subgraphTimeoutMs: process.env.SUBGRAPH_TIMEOUT_MS ? Number(process.env.SUBGRAPH_TIMEOUT_MS) : undefined,
});
console.log(`[gateway] serving ${gateway.url}`);
exitOnSignals(gateway.stop);
