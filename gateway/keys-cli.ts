// `npm run keys -- <command>`: manage API keys in the access store
// (ACCESS_MONGODB_URI, else the running gateway's embedded store, else an
// embedded store on $LMC_DATA_DIR/access).
//   create --role <ROLE> [--pillar <subgraph>] [--country <XX>] [--label <text>]   prints the key once
//   list                                                                           ids, roles, labels, status
//   revoke <key id>
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openAccessStore } from './access-store.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';
import { credentialRoles } from './principal-claims.js';
import { pillarSubgraphNames } from '../platform-kit/access/pillar-names.js';

const usage = `usage: npm run keys -- create --role <${credentialRoles.join('|')}> [--pillar <${pillarSubgraphNames.join('|')}>] [--country <CC>] [--label <text>]
       npm run keys -- list
       npm run keys -- revoke <key id>`;

/** Runs one CLI command; returns the process exit code. Output goes to `out`, problems to `err`. */
export async function runKeysCommand(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { role: { type: 'string' }, pillar: { type: 'string' }, country: { type: 'string' }, label: { type: 'string' } },
    });
  } catch (e) {
    err(`${(e as Error).message}\n${usage}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  const { values } = parsed;
  if (!['create', 'list', 'revoke'].includes(command ?? '') || (command === 'revoke' && rest.length !== 1) || (command !== 'revoke' && rest.length > 0)) {
    err(usage);
    return 2;
  }
  if (command === 'create' && !values.role) {
    err(`create needs --role\n${usage}`);
    return 2;
  }

  const store = await openAccessStore({ env, role: 'cli' });
  try {
    if (command === 'create') {
      const { key, record } = await createApiKey(store.models, {
        role: values.role!,
        pillar: values.pillar,
        countryCode: values.country?.toUpperCase(),
        label: values.label,
      });
      out(`created ${record._id} (${describe(record)})`);
      out(`key (shown once, store it now): ${key}`);
    } else if (command === 'list') {
      const keys = await listApiKeys(store.models);
      if (keys.length === 0) out('no API keys');
      for (const k of keys) {
        const status = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
        out(`${k._id}  ${describe(k)}  created ${k.createdAt.toISOString()}  ${status}${k.label ? `  "${k.label}"` : ''}`);
      }
    } else {
      const id = rest[0];
      if (!(await revokeApiKey(store.models, id))) {
        err(`no API key with id ${id}`);
        return 1;
      }
      out(`revoked ${id}`);
    }
    return 0;
  } catch (e) {
    err((e as Error).message);
    return 1;
  } finally {
    await store.close();
  }
}

const describe = (k: { role: string; pillar?: string; countryCode?: string }) =>
  [k.role, k.pillar, k.countryCode].filter(Boolean).join(' ');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runKeysCommand(process.argv.slice(2));
}
