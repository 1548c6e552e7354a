// The export CLI's progress on stderr: on a terminal, one bar redrawn in place
// ([#########-----------]  45%  12,000/26,500 records  3.1 MB); in a log (no
// TTY), one line per tenth of the way (or per 10,000 records without a total)
// so a CI log stays short. Records are counted by the caller.
const WIDTH = 24;

export interface ProgressBar {
  /** `count` records done so far (and `bytes` written, when known). */
  update(count: number, bytes?: number): void;
  /** Ends the bar's line. */
  done(count: number, bytes?: number): void;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export function progressBar(label: string, total: number | null, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const tty = Boolean(stream.isTTY);
  let lastStep = -1;
  let lastLine = '';
  const line = (count: number, bytes?: number) => {
    const size = bytes === undefined ? '' : `  ${megabytes(bytes)}`;
    if (!total) return `${label}: ${count.toLocaleString('en')} records${size}`;
    const share = Math.min(1, count / total);
    const filled = Math.round(share * WIDTH);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`;
    return `${label} ${bar} ${String(Math.round(share * 100)).padStart(3)}%  ${count.toLocaleString('en')}/${total.toLocaleString('en')} records${size}`;
  };
  const draw = (count: number, bytes: number | undefined, final: boolean) => {
    if (tty) {
      stream.write(`\r${line(count, bytes)}\x1b[K${final ? '\n' : ''}`);
      return;
    }
    // Without a terminal: a line per 10 % (or 10,000 records), and the last one.
    const step = total ? Math.floor((Math.min(1, count / total) * 10)) : Math.floor(count / 10_000);
    const text = line(count, bytes);
    if ((final || step > lastStep) && text !== lastLine) {
      lastStep = step;
      lastLine = text;
      stream.write(`${text}\n`);
    }
  };
  return {
    update: (count, bytes) => draw(count, bytes, false),
    done: (count, bytes) => draw(count, bytes, true),
  };
}
