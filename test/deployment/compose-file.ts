// Reads docker-compose.yml the way Docker Compose does (YAML merge keys, then
// ${VAR} interpolation from the environment), for tests on machines without Docker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../subgraphs/registry.js';

export const composePath = join(repoRoot, 'docker-compose.yml');

export interface ComposeHealthcheck {
  test: string[] | string;
  disable?: boolean;
}

export interface ComposeService {
  image?: string;
  build?: unknown;
  entrypoint?: string[] | string;
  command?: string[] | string;
  environment?: Record<string, string | null>;
  ports?: unknown[];
  expose?: unknown[];
  network_mode?: string;
  volumes?: string[];
  healthcheck?: ComposeHealthcheck;
  depends_on?: Record<string, { condition?: string }> | string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [extension: string]: unknown;
}

export const composeText = (): string => readFileSync(composePath, 'utf8');

/** The file as YAML data: merge keys (`<<: *anchor`) applied, nothing interpolated. */
export const composeDocument = (text = composeText()): ComposeFile => parse(text, { merge: true }) as ComposeFile;

/** One `${…}` reference in the file: the variable and how a missing value is handled. */
export interface VariableReference {
  name: string;
  /** ':?' / '?' fail when unset (':?' also when empty); ':-' / '-' fall back to a default. */
  operator?: ':?' | '?' | ':-' | '-';
  argument?: string;
}

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:\?|\?|:-|-)([^}]*))?\}/g;

/** Every `${VAR…}` in the raw text (`$${…}` is an escaped dollar, not a reference). */
export function variableReferences(text = composeText()): VariableReference[] {
  const unescaped = text.replace(/\$\$/g, '');
  return [...unescaped.matchAll(reference)].map(([, name, operator, argument]) => ({
    name,
    operator: operator as VariableReference['operator'],
    argument,
  }));
}

/** Compose's interpolation of one value; throws like `docker compose config` on a missing required variable. */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    if (whole === '$$') return '$';
    if (bare !== undefined) return env[bare] ?? '';
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:\?|\?|:-|-)(.*))?$/s.exec(braced!);
    if (!match) throw new Error(`unsupported interpolation ${whole}`);
    const [, name, operator, argument = ''] = match;
    const current = env[name];
    const missing = operator?.startsWith(':') ? !current : current === undefined;
    if (!missing) return current!;
    if (operator === ':?' || operator === '?') throw new Error(`required variable ${name} is missing a value: ${argument}`);
    return operator ? argument : '';
  });
}

/** The document with every string value interpolated (keys are never interpolated). */
export function resolvedCompose(env: Record<string, string | undefined>, document = composeDocument()): ComposeFile {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return interpolate(node, env);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(document) as ComposeFile;
}

export const environmentOf = (service: ComposeService): Record<string, string> =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, v ?? '']));

/** Services built from this repository's Dockerfile (the gateway and the subgraphs). */
export const appServices = (compose: ComposeFile): string[] =>
  Object.entries(compose.services).filter(([, s]) => s.build !== undefined).map(([name]) => name);
