// API keys: `lmc_<key id>_<43 random base64url chars>` (256 bits of entropy).
// Only the SHA-256 of the whole key is stored: a fast hash is enough for a
// random key that cannot be guessed, and the lookup is by key id (_id, the one
// index FerretDB's SQLite backend uses) followed by a constant-time compare.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../platform-kit/access/principal.js';
import type { AccessModels, ApiKeyRecord } from './access-store.js';
import { CredentialRejected } from './jwt-verifier.js';
import { principalFrom } from './principal-claims.js';

const keyPattern = /^lmc_(key-[0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface NewApiKey {
  role: string;
  pillar?: string;
  countryCode?: string;
  label?: string;
}

/** Stores a new key and returns it with the key itself, which is shown once and never again. */
export async function createApiKey(models: AccessModels, options: NewApiKey): Promise<{ key: string; record: ApiKeyRecord }> {
  const id = `key-${randomBytes(8).toString('hex')}`;
  const principal = principalFrom({ id, role: options.role, pillar: options.pillar, countryCode: options.countryCode });
  if ('problem' in principal) throw new Error(principal.problem);
  if (options.label !== undefined && options.label.length > 200) throw new Error('label must be at most 200 characters');
  const key = `lmc_${id}_${randomBytes(32).toString('base64url')}`;
  const record: ApiKeyRecord = {
    _id: id,
    hash: sha256(key),
    role: principal.role,
    ...(principal.pillar ? { pillar: principal.pillar } : {}),
    ...(principal.countryCode ? { countryCode: principal.countryCode } : {}),
    ...(options.label ? { label: options.label } : {}),
    createdAt: new Date(),
    revokedAt: null,
  };
  await models.apiKeys.create(record);
  return { key, record };
}

export async function listApiKeys(models: AccessModels): Promise<ApiKeyRecord[]> {
  const keys = await models.apiKeys.find().lean<ApiKeyRecord[]>();
  return keys.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id));
}

/** Marks the key revoked (records are kept for the audit trail). Returns false for an unknown id. */
export async function revokeApiKey(models: AccessModels, id: string, at = new Date()): Promise<boolean> {
  const existing = await models.apiKeys.findById(String(id)).lean<ApiKeyRecord>();
  if (!existing) return false;
  if (!existing.revokedAt) await models.apiKeys.updateOne({ _id: String(id) }, { $set: { revokedAt: at } });
  return true;
}

export type ApiKeyVerifier = (key: string) => Promise<Principal>;

/**
 * Verifies presented keys against the store. Accepted keys are remembered for
 * cacheTtlMs (default 30 s) so a busy client is not a database hit per request;
 * the price is that a revoked key keeps working for at most that long.
 * Rejections are not cached: a key created a moment ago works at once.
 */
export function createApiKeyVerifier(models: AccessModels, cacheTtlMs = 30_000, maxCached = 10_000): ApiKeyVerifier {
  const cache = new Map<string, { principal: Principal; until: number }>();
  return async (key) => {
    const match = keyPattern.exec(key);
    if (!match) throw new CredentialRejected('API key is malformed (expected lmc_key-<16 hex>_<43 characters>)');
    const hash = sha256(key);
    const cached = cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    cache.delete(hash);

    const record = await models.apiKeys.findById(match[1]).lean<ApiKeyRecord>();
    const same = record && record.hash.length === hash.length && timingSafeEqual(Buffer.from(record.hash, 'hex'), Buffer.from(hash, 'hex'));
    if (!record || !same) throw new CredentialRejected('API key is not recognised');
    if (record.revokedAt) throw new CredentialRejected(`API key ${record._id} was revoked at ${record.revokedAt.toISOString()}`);
    const principal = principalFrom({ id: record._id, role: record.role, pillar: record.pillar, countryCode: record.countryCode });
    if ('problem' in principal) throw new CredentialRejected(`API key ${record._id} is unusable: ${principal.problem}`);

    if (cacheTtlMs > 0) {
      if (cache.size >= maxCached) cache.delete(cache.keys().next().value!);
      cache.set(hash, { principal, until: Date.now() + cacheTtlMs });
    }
    return principal;
  };
}
