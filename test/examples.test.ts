// Every documented query in examples/*.graphql runs against the running platform
// (synthetic scale 1) with the variables its header documents: no errors, and
// every top-level field answers with data (no null, no empty list, no connection
// without edges), so a dashboard builder can copy it and see something.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExample } from '../dashboard/example-files.js';
import { repoRoot } from '../subgraphs/registry.js';
import { graphql } from './support/graphql-client.js';
import { platformForFile } from './support/platform-fixture.js';

const examplesDir = join(repoRoot, 'examples');
const examples = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.graphql'))
  .sort()
  .map((name) => parseExample(name, readFileSync(join(examplesDir, name), 'utf8')));

/** Paths (e.g. "projects.edges") of values that hold nothing a chart could show. */
function emptyParts(value: unknown, path: string): string[] {
  if (value === null || value === undefined) return [path];
  if (Array.isArray(value)) return value.length === 0 ? [path] : [];
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('edges' in record) return emptyParts(record.edges, `${path}.edges`);
    return Object.entries(record).flatMap(([key, v]) => (v !== null && typeof v === 'object' ? emptyParts(v, `${path}.${key}`) : []));
  }
  return [];
}

const platform = platformForFile({ syntheticScale: 1 });

describe('examples/*.graphql', () => {
  it('has the README dashboard query and at least five more, each documented', () => {
    expect(examples.map((e) => e.name)).toContain('dashboard.graphql');
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const example of examples) {
      expect(example.description.length, `${example.name} header comment`).toBeGreaterThan(40);
      expect(example.query, `${example.name} names its operation`).toMatch(/^(query|mutation) \w+/m);
    }
  });

  it.each(examples.map((e) => [e.name, e] as const))('%s answers its documented variables without errors and with data', async (_name, example) => {
    const body = await graphql(platform.gatewayUrl, example.query, example.variables);
    expect(body.errors).toBeUndefined();
    expect(body.data).toBeTruthy();
    for (const [field, value] of Object.entries(body.data!)) expect(emptyParts(value, field), `${example.name}: empty parts`).toEqual([]);
  });
});
