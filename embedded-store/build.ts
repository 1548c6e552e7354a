// Builds the embedded store (FerretDB in a Go main) once, and again only when
// its sources change: the binary's name carries a hash of main.go/go.mod/go.sum.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const storeDir = dirname(fileURLToPath(import.meta.url));
const binDir = join(storeDir, 'bin');
const SOURCES = ['main.go', 'go.mod', 'go.sum'];

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const name of SOURCES) hash.update(name).update(readFileSync(join(storeDir, name)));
  return hash.digest('hex').slice(0, 16);
}

/** Returns the path of an up-to-date store binary, building it if needed. */
export function ensureStoreBinary(log: (msg: string) => void = () => {}): string {
  const binary = join(binDir, `lmc-store-${sourceHash()}`);
  if (existsSync(binary)) return binary;
  mkdirSync(binDir, { recursive: true });
  log(`building embedded store (FerretDB 1.24.2) into ${binary} ...`);
  try {
    execFileSync('go', ['build', '-trimpath', '-o', binary, '.'], {
      cwd: storeDir,
      env: { ...process.env, CGO_ENABLED: '0' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch (err) {
    throw new Error(
      `could not build the embedded store with Go (Go 1.24+ is required; or set the *_MONGODB_URI variables): ${(err as Error).message}`,
    );
  }
  // Older builds are dead weight once a new one exists.
  for (const old of readdirSync(binDir)) {
    if (old.startsWith('lmc-store-') && join(binDir, old) !== binary) rmSync(join(binDir, old), { force: true });
  }
  return binary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(ensureStoreBinary(console.log));
}
