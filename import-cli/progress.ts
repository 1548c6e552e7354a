// Progress of an import: a bar redrawn in place on a terminal, otherwise a
// plain line at most once a second (logs and pipes stay readable).
import type { ImportProgress } from '../platform-kit/import/import-engine.js';

export interface ProgressReporter {
  update(p: ImportProgress, bytesRead: number): void;
  done(): void;
}

const counts = (p: ImportProgress) => `${p.rowsRead} rows (written ${p.written}, unchanged ${p.unchanged}, rejected ${p.rejected})`;

export function progressReporter(out: NodeJS.WriteStream, totalBytes: number, label: string): ProgressReporter {
  const share = (bytesRead: number) => (totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 1);
  const interval = out.isTTY ? 100 : 1000;
  const draw = out.isTTY
    ? (p: ImportProgress, bytesRead: number) => {
        const width = 30;
        const filled = Math.round(share(bytesRead) * width);
        const percent = (share(bytesRead) * 100).toFixed(0).padStart(3);
        out.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${counts(p)}\x1b[K`);
      }
    : (p: ImportProgress, bytesRead: number) => out.write(`${label}: line ${p.line}, ${Math.floor(share(bytesRead) * 100)}% ${counts(p)}\n`);
  let last = 0;
  let latest: [ImportProgress, number] | null = null;
  let drawnLatest = false;
  return {
    update(p, bytesRead) {
      latest = [p, bytesRead];
      drawnLatest = false;
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      draw(p, bytesRead);
      drawnLatest = true;
    },
    done() {
      // The final state is always shown, however soon after the previous one it came.
      if (latest && !drawnLatest) draw(...latest);
      if (latest && out.isTTY) out.write('\n');
    },
  };
}
