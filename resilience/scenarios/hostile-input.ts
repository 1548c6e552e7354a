// Malformed and hostile requests: random token soup from a seeded generator,
// syntax errors, bodies over the limit, deep nesting, alias floods, invalid
// variables, bad JSON, non-UTF-8 bytes, wrong content types, huge headers, and
// unsigned calls straight at a subgraph. Each must get a 4xx or a GraphQL error
// with a code (never a 5xx or a dropped connection), no store may change, and
// the gateway must stay up.
import { connect } from 'node:net';
import { SyntheticRandom } from '../../platform-kit/synthetic-random.js';
import { alive } from '../../test/support/processes.js';
import { healthy, round, timedPost, type ScenarioResult, type Timed } from '../measure.js';
import type { ResiliencePlatform } from '../platform.js';
import { dataFingerprint, describe, editorHeaders, organisationInput } from '../traffic.js';

export interface HostileInputOptions {
  /** How many random query strings to send. */
  randomQueries?: number;
  seed?: number;
}

interface Case {
  name: string;
  send(): Promise<Timed>;
  /** Acceptable statuses; default any 4xx, or 200 with errors. */
  statuses?: number[];
  /** Code the first error must carry; default any code. */
  code?: string | RegExp;
  /** extensions.field the first error must name. */
  field?: string;
  /** Node answers some protocol errors itself, without a GraphQL body (e.g. 431). */
  bodyless?: boolean;
}

const createOrganisation = 'mutation($id: ID, $input: OrganisationInput!) { createEconomyOrganisation(id: $id, input: $input) { id } }';

/** Pieces of GraphQL, shuffled into mostly invalid documents. */
const tokens = ['{', '}', '(', ')', '[', ']', ':', '$', '!', '@', '...', '=', ',', '"', '"""', '#', '\\', '\u0000', 'query', 'mutation', 'subscription',
  'fragment', 'on', 'countries', 'code', 'economy', 'projectCount', 'createEconomyOrganisation', 'input', 'id', '__typename', '__schema', 'true', 'null',
  '42', '-1e999', '"\\u12"', 'ä', '中文', '🙂', ' ', '\n', 'a'.repeat(300)];

export function randomQuery(random: SyntheticRandom): string {
  const length = random.int(1, 60);
  return Array.from({ length }, () => random.pick(tokens)).join(random.next() < 0.5 ? ' ' : '');
}

export async function hostileInput(platform: ResiliencePlatform, options: HostileInputOptions = {}): Promise<ScenarioResult> {
  const { randomQueries = 60, seed = 8 } = options;
  const url = platform.gatewayUrl;
  const editor = await editorHeaders('economy');
  const raw = (body: string | Uint8Array, headers: Record<string, string>) => timedPost(url, body as string, headers);
  const json = (payload: unknown, headers: Record<string, string> = {}) => timedPost(url, payload as object, headers);
  const write = (input: unknown, id: unknown = 'hostile-1') => json({ query: createOrganisation, variables: { id, input } }, editor);
  const valid = organisationInput(0);

  const cases: Case[] = [
    { name: 'syntax error: unclosed selection', send: () => json({ query: '{ countries { code ' }), statuses: [400], code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'syntax error: stray braces', send: () => json({ query: '}}}} query {' }), statuses: [400], code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'unknown field', send: () => json({ query: '{ nothingHere }' }), statuses: [400], code: 'GRAPHQL_VALIDATION_FAILED' },
    { name: 'no query', send: () => json({ variables: {} }), statuses: [400], code: 'BAD_REQUEST' },
    { name: 'query not a string', send: () => json({ query: { $where: '1' } }), statuses: [400], code: 'BAD_REQUEST' },
    { name: 'body over the limit (200 KB)', send: () => json({ query: `{ __typename } #${'x'.repeat(200_000)}` }), statuses: [413], code: 'PAYLOAD_TOO_LARGE' },
    // The gateway answers 413 from the declared length and closes without reading the body, so
    // a client that streams 4 MB at once (fetch) gets EPIPE/ECONNRESET instead of the answer;
    // this one, like a client sending `expect: 100-continue`, reads the early answer first.
    { name: 'body over the limit (4 MB)', send: () => rawHttp(url, 'POST', { 'content-type': 'application/json' }, Buffer.alloc(4_000_000, 'x')), statuses: [413], code: 'PAYLOAD_TOO_LARGE' },
    { name: 'deep nesting (depth 60)', send: () => json({ query: `{ countries ${'{ economy '.repeat(30)}{ code }${' }'.repeat(30)} }` }), statuses: [400] },
    {
      name: 'deep nesting in variables (20,000 levels)',
      send: () => raw(`{"query":"query($x: ID) { __typename }","variables":{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`, { 'content-type': 'application/json' }),
      statuses: [400, 200],
    },
    { name: '500 aliases', send: () => json({ query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: __typename`).join(' ')} }` }), statuses: [400] },
    { name: '3,000 fields (token flood)', send: () => json({ query: `{ ${'__typename '.repeat(3000)} }` }), statuses: [400] },
    { name: 'directive flood', send: () => json({ query: `{ __typename ${'@include(if: true) '.repeat(200)} }` }), statuses: [400] },
    { name: 'wrong variable type', send: () => write({ ...valid, type: 42 }), statuses: [400, 200], code: 'BAD_USER_INPUT' },
    { name: 'unknown enum value', send: () => write({ ...valid, type: 'WIZARD' }), statuses: [400, 200], code: 'BAD_USER_INPUT' },
    { name: 'unknown input field (mass assignment)', send: () => write({ ...valid, revision: 99 }), statuses: [400, 200], code: 'BAD_USER_INPUT' },
    { name: 'operator object as a string', send: () => write({ ...valid, countryCode: { $ne: null } }), statuses: [400, 200], code: 'BAD_USER_INPUT' },
    { name: 'over-long name (60,000 characters)', send: () => write({ ...valid, name: { en: 'x'.repeat(60_000), zh: '合成' } }), statuses: [400, 200], code: 'BAD_USER_INPUT' },
    { name: 'over-long id (10,000 characters)', send: () => write(valid, 'i'.repeat(10_000)), statuses: [400, 200], code: 'BAD_USER_INPUT' },
    // Only the subgraph knows the DateTime scalar: its 400 must reach the caller as bad input, not as an outage.
    {
      name: 'invalid DateTime (checked by the subgraph)',
      send: () => write({ ...valid, provenance: { ...valid.provenance, recordedAt: 'yesterday' } }),
      statuses: [400, 200],
      code: 'BAD_USER_INPUT',
      field: 'input.provenance.recordedAt',
    },
    { name: 'variables not an object', send: () => json({ query: createOrganisation, variables: '[1,2]' }, editor), statuses: [400], code: 'BAD_REQUEST' },
    { name: 'missing required variable', send: () => json({ query: createOrganisation, variables: {} }, editor), statuses: [400, 200], code: 'BAD_USER_INPUT' },
    { name: 'bad JSON (truncated)', send: () => raw('{"query": "{ __typename }"', { 'content-type': 'application/json' }), statuses: [400], code: 'BAD_REQUEST' },
    { name: 'bad JSON (NaN, comments)', send: () => raw('{"query": NaN /* x */}', { 'content-type': 'application/json' }), statuses: [400], code: 'BAD_REQUEST' },
    { name: 'JSON array batch (batching off)', send: () => json([{ query: '{ __typename }' }, { query: '{ __typename }' }]), statuses: [400], code: 'BAD_REQUEST' },
    {
      name: 'non-UTF-8 body',
      send: () => raw(new Uint8Array([...Buffer.from('{"query":"{ __typename '), 0xff, 0xfe, 0xc3, 0x28, 0x80, ...Buffer.from(' }"}')]), { 'content-type': 'application/json' }),
      statuses: [400],
    },
    { name: 'binary garbage body', send: () => raw(new Uint8Array(Array.from({ length: 2000 }, (_, i) => (i * 131 + 7) % 256)), { 'content-type': 'application/json' }), statuses: [400] },
    { name: 'content-type text/plain (CSRF)', send: () => raw(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' }), statuses: [400] },
    { name: 'content-type application/xml', send: () => raw('<query>{ __typename }</query>', { 'content-type': 'application/xml' }), statuses: [400, 415] },
    { name: 'content-type multipart/form-data', send: () => raw('--x\r\n\r\n{ __typename }\r\n--x--', { 'content-type': 'multipart/form-data; boundary=x' }), statuses: [400, 415] },
    { name: 'empty JSON body', send: () => raw('', { 'content-type': 'application/json' }), statuses: [400] },
    { name: 'huge header (64 KB)', send: () => json({ query: '{ __typename }' }, { 'x-padding': 'p'.repeat(64_000) }), statuses: [431], bodyless: true },
    { name: 'garbage bearer token', send: () => json({ query: '{ __typename }' }, { authorization: `Bearer ${'%'.repeat(5000)}` }), statuses: [401], code: 'UNAUTHENTICATED' },
    { name: 'forged internal principal header', send: () => json({ query: createOrganisation, variables: { id: 'forged', input: valid } }, { 'x-lmc-principal': '{"id":"x","role":"SECRETARIAT_ADMIN"}' }), statuses: [200, 401, 403], code: /UNAUTHENTICATED|FORBIDDEN/ },
    { name: 'mutation over GET', send: () => timedGet(`${url}?query=${encodeURIComponent(createOrganisation)}`), statuses: [400, 405] },
    // Straight at a subgraph: no gateway signature, no answer.
    ...(['economy', 'social-cultural'] as const).map((name) => ({
      name: `unsigned request at the ${name} subgraph`,
      send: () => timedPost(platform.subgraph(name).url, { query: '{ _service { sdl } }' }),
      statuses: [401],
      code: 'UNAUTHENTICATED',
    })),
    {
      name: 'badly signed request at the economy subgraph',
      send: () => timedPost(platform.subgraph('economy').url, { query: createOrganisation, variables: { id: 'x', input: valid } }, { 'x-lmc-principal': 'garbage', 'x-lmc-signature': 'garbage' }),
      statuses: [401],
      code: 'UNAUTHENTICATED',
    },
  ];
  const random = new SyntheticRandom(seed);
  for (let i = 0; i < randomQueries; i++) {
    const query = randomQuery(random);
    // Some random documents are valid: they may answer with data; mutations as an editor must still fail validation or write nothing new.
    cases.push({ name: `random query #${i}`, send: () => json({ query, variables: { input: valid } }, i % 2 ? editor : {}), statuses: [200, 400] });
  }

  const failures: string[] = [];
  const before = await dataFingerprint(platform, ['political-security', 'economy', 'social-cultural']);
  let rejected = 0;
  let answeredWithData = 0;
  let maxMs = 0;
  const statusCounts = new Map<number, number>();
  for (const c of cases) {
    const res = await c.send();
    maxMs = Math.max(maxMs, res.ms);
    statusCounts.set(res.status, (statusCounts.get(res.status) ?? 0) + 1);
    const firstCode = res.body.errors?.[0]?.extensions?.code;
    const problems: string[] = [];
    if (res.status === 0) problems.push('no HTTP answer');
    if (res.status >= 500) problems.push('server error');
    if (c.statuses && !c.statuses.includes(res.status)) problems.push(`status ${res.status}, expected ${c.statuses.join('/')}`);
    if (!c.bodyless && res.status !== 0) {
      if (res.body.errors?.length) {
        if (typeof firstCode !== 'string') problems.push('error without a code');
        else if (c.code && !(typeof c.code === 'string' ? firstCode === c.code : c.code.test(firstCode))) problems.push(`code ${firstCode}, expected ${c.code}`);
        if (c.field && res.body.errors[0].extensions?.field !== c.field) problems.push(`field ${res.body.errors[0].extensions?.field}, expected ${c.field}`);
        if (/\.ts:\d|stacktrace|MongoServerError|E11000/.test(res.text)) problems.push('internal detail in the answer');
      } else if (!res.body.data || c.code) problems.push('neither errors nor data');
    }
    if (res.body.errors?.length || res.status >= 400) rejected++;
    else answeredWithData++;
    if (problems.length) failures.push(`${c.name}: ${problems.join(', ')} — ${describe(res)}`);
  }
  if (!(await healthy(url)) || !alive(platform.gateway.process.pid!)) failures.push('gateway down after hostile input');
  const after = await dataFingerprint(platform, ['political-security', 'economy', 'social-cultural']);
  const changed = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
  if (changed.length) failures.push(`data changed: ${changed.map((k) => `${k} ${before[k] ?? 0}→${after[k] ?? 0}`).join(', ')}`);

  return {
    name: 'malformed and hostile input',
    figures: {
      requests: cases.length,
      rejected,
      answeredWithData,
      statuses: [...statusCounts.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' '),
      maxMs: round(maxMs),
      collectionsCompared: Object.keys(before).length,
      documentsCompared: Object.values(before).reduce((a, b) => a + b, 0),
      changedCollections: changed.length,
    },
    failures: failures.slice(0, 30),
  };
}

async function timedGet(url: string): Promise<Timed> {
  const started = performance.now();
  try {
    const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    const text = await res.text();
    let body: Timed['body'] = {};
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON.
    }
    return { status: res.status, body, text, ms: performance.now() - started };
  } catch (err) {
    return { status: 0, body: {}, text: '', ms: performance.now() - started, networkError: String((err as Error).message) };
  }
}

/** One HTTP/1.1 request over a plain socket: the head, then (unless an answer came within 500 ms) the body. */
function rawHttp(url: string, method: string, headers: Record<string, string>, body: Buffer): Promise<Timed> {
  const target = new URL(url);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(Number(target.port), target.hostname);
    const chunks: Buffer[] = [];
    const head = [`${method} ${target.pathname} HTTP/1.1`, `host: ${target.host}`, `content-length: ${body.length}`, 'connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    socket.on('connect', () => {
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      setTimeout(() => {
        if (chunks.length === 0 && !socket.destroyed) socket.write(body);
      }, 500);
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {}); // EPIPE/ECONNRESET after the answer: expected here.
    socket.setTimeout(30_000, () => socket.destroy());
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(text.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0);
      const payload = text.split('\r\n\r\n').slice(1).join('\r\n\r\n');
      let parsed: Timed['body'] = {};
      try {
        parsed = JSON.parse(payload);
      } catch {
        // Not JSON.
      }
      resolve({ status, body: parsed, text: payload, ms: performance.now() - started, ...(status ? {} : { networkError: 'no answer' }) });
    });
  });
}
