// JWT configuration read from env: the RS256 public key from a file, and
// start-up refusals for secrets too weak to be safe.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, jwtSettingsFrom } from '../../gateway/jwt-verifier.js';

const dir = mkdtempSync(join(tmpdir(), 'lmc-jwt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JWT settings', () => {
  it('reads the RS256 public key from LMC_JWT_RS256_PUBLIC_KEY_FILE and verifies with it', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const file = join(dir, 'issuer.pem');
    writeFileSync(file, await exportSPKI(publicKey));
    const verify = await createJwtVerifier(jwtSettingsFrom({ LMC_JWT_RS256_PUBLIC_KEY_FILE: file }));
    const token = await new SignJWT({ role: 'SECRETARIAT_ADMIN' }).setProtectedHeader({ alg: 'RS256' }).setSubject('ops').setExpirationTime('1m').sign(privateKey);
    expect(await verify(token)).toEqual({ id: 'ops', role: 'SECRETARIAT_ADMIN' });
    // Only RS256 is configured, so an HS256 token is refused by algorithm, whatever its key.
    const hs = await new SignJWT({ role: 'SECRETARIAT_ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject('ops').setExpirationTime('1m').sign(new Uint8Array(32));
    await expect(verify(hs)).rejects.toThrow(/algorithm/);
  });

  it('accepts a PEM passed in one env line with \\n escapes', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = (await exportSPKI(publicKey)).replace(/\n/g, '\\n');
    await expect(createJwtVerifier(jwtSettingsFrom({ LMC_JWT_RS256_PUBLIC_KEY: pem }))).resolves.toBeTypeOf('function');
  });

  it('refuses an HS256 secret shorter than 256 bits', async () => {
    await expect(createJwtVerifier(jwtSettingsFrom({ LMC_JWT_HS256_SECRET: 'short' }))).rejects.toThrow(/at least 32 characters/);
  });

  it('says JWTs are not configured when no key is set', async () => {
    const verify = await createJwtVerifier(jwtSettingsFrom({}));
    await expect(verify('a.b.c')).rejects.toThrow(/not configured/);
  });
});
