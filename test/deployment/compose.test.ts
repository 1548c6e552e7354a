// docker-compose.yml checked without a Docker engine: against the Compose
// Specification's JSON schema (shipped by the dclint package), then against
// what this platform needs from it.
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, subgraphs } from '../../subgraphs/registry.js';
import {
  appServices,
  composeDocument,
  composeText,
  environmentOf,
  interpolate,
  resolvedCompose,
  variableReferences,
  type ComposeService,
} from './compose-file.js';
import { namesTheCodeReads, namesTheImageReads, namesTheReadmeDocuments } from './configuration-names.js';

const isSecret = (name: string) => /SECRET|PASSWORD|TOKEN|PRIVATE|_KEY$/.test(name);

/** Values for every required variable, so the file resolves as `docker compose config` would. */
const requiredVariables = [...new Set(variableReferences().filter((r) => r.operator === ':?').map((r) => r.name))];
const deploymentEnv = Object.fromEntries(requiredVariables.map((name) => [name, `test-${name.toLowerCase().replace(/_/g, '-')}-0123456789abcdef`]));
const compose = resolvedCompose(deploymentEnv);
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const mongoServiceOf = (pillar: string) => `mongo-${pillar}`;

function composeSpecSchema(): object {
  // dclint's package exports do not list the schema file, so it is read from the installed package.
  const packageDir = join(createRequire(import.meta.url).resolve('dclint/package.json'), '..');
  const schema = JSON.parse(readFileSync(join(packageDir, 'schemas', 'compose.schema.json'), 'utf8')) as Record<string, unknown>;
  // Its "$schema" is draft-07 without the trailing '#', which Ajv does not recognise by that id; Ajv's default is draft-07.
  delete schema.$schema;
  return schema;
}

const mongoUri = (value: string | undefined): URL => {
  expect(value, 'a MongoDB URI').toMatch(/^mongodb:\/\//);
  return new URL(value!);
};

describe('docker-compose.yml', () => {
  it('is valid under the Compose Specification JSON schema, before and after interpolation', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(composeSpecSchema());
    expect(validate(composeDocument()), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The schema is strict enough to catch a misspelt key.
    const broken = composeDocument();
    (broken.services.gateway as Record<string, unknown>).healthchek = broken.services.gateway.healthcheck;
    expect(validate(broken)).toBe(false);
  });

  it('refuses to start without its secrets, and names the one missing', () => {
    for (const name of requiredVariables) {
      const { [name]: _omitted, ...partial } = deploymentEnv;
      expect(() => resolvedCompose(partial), name).toThrow(new RegExp(`required variable ${name} is missing`));
    }
    expect(requiredVariables).toEqual(
      expect.arrayContaining([
        'LMC_GATEWAY_SIGNING_SECRET',
        'LMC_JWT_HS256_SECRET',
        'REDIS_PASSWORD',
        ...subgraphs.map((s) => `${s.mongoUriEnv.replace(/_MONGODB_URI$/, '')}_MONGO_PASSWORD`),
        'ACCESS_MONGO_PASSWORD',
      ]),
    );
  });

  it('gives no secret a default or a literal value', () => {
    for (const ref of variableReferences().filter((r) => isSecret(r.name))) {
      expect(ref.operator, `\${${ref.name}} must be required (:?)`).toBe(':?');
    }
    // Secrets set in a service's environment come from interpolation, never from the file.
    for (const [name, svc] of Object.entries(composeDocument().services)) {
      for (const [key, value] of Object.entries(environmentOf(svc)).filter(([k]) => isSecret(k))) {
        expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Z0-9_]+:\?[^}]*\}$/);
      }
    }
    // Passwords inside URIs too.
    for (const match of composeText().matchAll(/(mongodb|redis):\/\/[^@\s]*:([^@\s]*)@/g)) {
      expect(match[2], match[0]).toMatch(/^\$\{[A-Z0-9_]+:\?[^}]*\}$/);
    }
  });

  it('publishes the gateway only', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      expect(svc.network_mode, name).toBeUndefined();
      if (name === 'gateway') continue;
      expect(svc.ports, `${name} must not publish ports`).toBeUndefined();
    }
    const gateway = service('gateway');
    expect(gateway.ports).toHaveLength(1);
    const [published] = gateway.ports as string[];
    expect(published.split(':').at(-1)).toBe(environmentOf(gateway).GATEWAY_PORT);
  });

  it('gives every service a healthcheck and starts each only after what it needs is healthy', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      expect(svc.healthcheck?.test, `${name} healthcheck`).toBeTruthy();
      expect(svc.healthcheck?.disable, name).not.toBe(true);
      expect(svc.healthcheck?.test[0], name).not.toBe('NONE');
      const dependsOn = svc.depends_on ?? {};
      expect(Array.isArray(dependsOn), `${name}: depends_on needs conditions`).toBe(false);
      for (const [dependency, { condition }] of Object.entries(dependsOn)) {
        expect(compose.services[dependency], `${name} depends on ${dependency}`).toBeDefined();
        expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
      }
    }
    expect(Object.keys(service('gateway').depends_on ?? {}).sort()).toEqual(
      [...subgraphs.map((s) => s.name), 'mongo-access', 'redis'].sort(),
    );
  });

  it('runs every MongoDB as an authenticated single-node replica set on its own named volume, initiated by its healthcheck', () => {
    const mongoServices = [...subgraphs.map((s) => mongoServiceOf(s.name)), 'mongo-access'];
    const volumes = new Set<string>();
    const passwordVariables = new Set<string>();
    for (const name of mongoServices) {
      const mongo = service(name);
      const env = environmentOf(mongo);
      expect(mongo.image, name).toMatch(/^mongo:7(\.|$)/);
      const start = [mongo.entrypoint, mongo.command].flat().join(' ');
      expect(start, name).toMatch(/--replSet rs0\b/);
      expect(start, name).toMatch(/--keyFile \S+/);
      expect(env.MONGO_INITDB_ROOT_USERNAME, name).toBeTruthy();
      // Each server has a password of its own, from a required variable.
      const passwordVariable = /^\$\{([A-Z0-9_]+_MONGO_PASSWORD):\?[^}]*\}$/.exec(environmentOf(composeDocument().services[name]).MONGO_INITDB_ROOT_PASSWORD);
      expect(passwordVariable, `${name} root password`).not.toBeNull();
      passwordVariables.add(passwordVariable![1]);
      expect(env.MONGO_REPLICA_HOST, `${name} must advertise the host clients reach it by`).toBe(`${name}:27017`);
      const healthcheck = [mongo.healthcheck?.test].flat().join(' ');
      expect(healthcheck, name).toContain('rs.initiate(');
      expect(healthcheck, name).toContain('--authenticationDatabase admin');
      const [volume, mountPoint] = (mongo.volumes ?? [])[0]?.split(':') ?? [];
      expect(mountPoint, name).toBe('/data/db');
      expect(compose.volumes, 'named volumes are declared').toHaveProperty(volume);
      volumes.add(volume);
    }
    expect(volumes.size, 'one volume per MongoDB').toBe(mongoServices.length);
    expect(passwordVariables.size, 'one password per MongoDB').toBe(mongoServices.length);
  });

  it('points every subgraph at its own MongoDB and database, and at no other pillar’s', () => {
    for (const subgraph of subgraphs) {
      const svc = service(subgraph.name);
      const env = environmentOf(svc);
      expect(svc.build, `${subgraph.name} runs the repository image`).toBeDefined();
      expect(env.SERVICE).toBe(subgraph.name);
      const uri = mongoUri(env[subgraph.mongoUriEnv]);
      const mongo = service(mongoServiceOf(subgraph.name));
      expect(uri.host).toBe(`${mongoServiceOf(subgraph.name)}:27017`);
      expect(uri.pathname).toBe(`/${subgraph.defaultDatabase}`);
      expect(env[subgraph.mongoUriEnv.replace(/_URI$/, '_DB')]).toBe(subgraph.defaultDatabase);
      expect(decodeURIComponent(uri.username)).toBe(environmentOf(mongo).MONGO_INITDB_ROOT_USERNAME);
      expect(decodeURIComponent(uri.password)).toBe(environmentOf(mongo).MONGO_INITDB_ROOT_PASSWORD);
      expect(Object.keys(svc.depends_on ?? {})).toEqual([mongoServiceOf(subgraph.name)]);
      for (const other of subgraphs.filter((o) => o !== subgraph)) {
        expect(env[other.mongoUriEnv], `${subgraph.name} must not see ${other.name}'s store`).toBeUndefined();
        expect(JSON.stringify(env)).not.toContain(mongoServiceOf(other.name));
      }
      // The gateway calls it where it listens.
      expect(environmentOf(service('gateway'))[subgraph.urlEnv]).toBe(`http://${subgraph.name}:${env[subgraph.portEnv]}/`);
      expect(env.LMC_HOST, 'listens beyond loopback inside its container').toBe('0.0.0.0');
    }
    const access = mongoUri(environmentOf(service('gateway')).ACCESS_MONGODB_URI);
    expect(access.host).toBe('mongo-access:27017');
    expect(access.pathname).toBe(`/${environmentOf(service('gateway')).ACCESS_MONGODB_DB}`);
  });

  it('writes with majority, journaled, retryable writes on every connection, authenticated against admin', () => {
    const uris = Object.values(compose.services).flatMap((svc) => Object.values(environmentOf(svc)).filter((v) => v.startsWith('mongodb://')));
    expect(uris).toHaveLength(subgraphs.length + 1);
    for (const value of uris) {
      const { searchParams } = mongoUri(value);
      expect(searchParams.get('w'), value).toBe('majority');
      expect(searchParams.get('journal'), value).toBe('true');
      expect(searchParams.get('retryWrites'), value).toBe('true');
      expect(searchParams.get('authSource'), value).toBe('admin');
      expect(searchParams.get('replicaSet'), value).toBe('rs0');
    }
  });

  it('shares one signing secret between the gateway and the subgraphs, and Redis with the gateway', () => {
    const secrets = [...subgraphs.map((s) => s.name), 'gateway'].map((name) => environmentOf(service(name)).LMC_GATEWAY_SIGNING_SECRET);
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toBe(deploymentEnv.LMC_GATEWAY_SIGNING_SECRET);
    const redisUrl = new URL(environmentOf(service('gateway')).REDIS_URL);
    expect(redisUrl.host).toBe('redis:6379');
    const redisCommand = [service('redis').command].flat();
    expect(redisCommand[redisCommand.indexOf('--requirepass') + 1]).toBe(decodeURIComponent(redisUrl.password));
  });

  it('sets only variables the code reads, each documented in the README configuration table', () => {
    const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
    const read = new Set([...namesTheCodeReads(), ...namesTheImageReads(dockerfile)]);
    const documented = namesTheReadmeDocuments();
    for (const name of appServices(compose)) {
      for (const key of Object.keys(environmentOf(service(name)))) {
        expect(read.has(key), `${name} sets ${key}, which no code reads`).toBe(true);
        expect(documented.has(key) || key === 'SERVICE', `${key} is not in the README configuration table`).toBe(true);
      }
    }
    expect(appServices(compose).sort()).toEqual(['gateway', ...subgraphs.map((s) => s.name)].sort());
  });

  it('documents every variable the code reads in the README configuration table', () => {
    const documented = namesTheReadmeDocuments();
    expect([...namesTheCodeReads()].filter((name) => !documented.has(name))).toEqual([]);
  });
});

describe('compose interpolation (as the checks above read the file)', () => {
  it('follows the Compose Specification for defaults, required values and escaped dollars', () => {
    expect(interpolate('a${X}b', { X: '1' })).toBe('a1b');
    expect(interpolate('${X:-d}', {})).toBe('d');
    expect(interpolate('${X:-d}', { X: '' })).toBe('d');
    expect(interpolate('${X-d}', { X: '' })).toBe('');
    expect(interpolate('$$X $${Y}', { X: '1', Y: '2' })).toBe('$X ${Y}');
    expect(() => interpolate('${X:?set X}', { X: '' })).toThrow('required variable X is missing a value: set X');
    expect(interpolate('${X?set X}', { X: '' })).toBe('');
  });
});
