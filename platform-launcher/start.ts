// `npm start`: the whole platform on this machine, seeded with the plan.
// Ports: GATEWAY_PORT (4000), POLITICAL_SECURITY_PORT (4001), ECONOMY_PORT (4002),
// SOCIAL_CULTURAL_PORT (4003). Stores: <SUBGRAPH>_MONGODB_URI or embedded FerretDB.
import { exitOnSignals } from '../platform-kit/child-process.js';
import { startPlatform } from './platform.js';

// Development runs get the small synthetic demo set unless told otherwise (0 = none).
const platform = await startPlatform({
  env: { LMC_SYNTHETIC_SCALE: process.env.LMC_SYNTHETIC_SCALE ?? '1' },
  onLine: (line) => console.log(line),
}).catch((err: Error) => {
  console.error(`platform failed to start: ${err.message}`);
  process.exit(1);
});
console.log(`\nLMC Data Platform is up. Gateway: ${platform.gatewayUrl}`);
// A fresh signing secret was generated unless LMC_GATEWAY_SIGNING_SECRET is set (platform.ts).
console.log('Requests without credentials read public data; for more, create an API key: npm run keys -- create --role <ROLE>\n');
exitOnSignals(platform.stop, 15_000);
