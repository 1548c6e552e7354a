// Hive Gateway configuration used by `npm run bench:gateway`: the benchmark's
// supergraph file (BENCH_SUPERGRAPH_PATH), and every subgraph request signed
// as the anonymous principal with the platform's secret, as our gateway does
// (subgraphs refuse unsigned requests). Loaded by hive-gateway under tsx.
import { signPrincipal } from '../platform-kit/access/internal-header.js';
import { anonymousPrincipal } from '../platform-kit/access/principal.js';

const secret = process.env.LMC_GATEWAY_SIGNING_SECRET ?? '';

interface FetchHook {
  options: { headers?: Record<string, string> };
  setOptions(options: unknown): void;
}

export const gatewayConfig = {
  supergraph: process.env.BENCH_SUPERGRAPH_PATH,
  // Same as ours in production: no GraphiQL landing page, errors masked.
  graphiql: false,
  maskedErrors: true,
  plugins: () => [
    {
      onFetch({ options, setOptions }: FetchHook) {
        setOptions({ ...options, headers: { ...options.headers, ...signPrincipal(anonymousPrincipal, secret) } });
      },
    },
  ],
};
