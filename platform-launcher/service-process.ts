// Runs one TypeScript service (a subgraph or the gateway) as a child process
// and resolves once it prints "serving <url>". The child exits by itself if
// this process dies (LMC_EXIT_ON_STDIN_EOF with a stdin pipe).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { stopChild } from '../platform-kit/child-process.js';

export interface ServiceProcess {
  name: string;
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
  /** Receives every output line of the child; defaults to discarding them. */
  onLine?: (line: string) => void;
}

export function startService({ name, entry, env, startTimeoutMs = 60_000, onLine }: ServiceOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...env, LMC_EXIT_ON_STDIN_EOF: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not start within ${startTimeoutMs} ms`), startTimeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopChild(child);
      reject(new Error(`${name} ${why}. Last output:\n${recent.join('\n')}`));
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        recent.push(line);
        if (recent.length > 30) recent.shift();
        onLine?.(line);
        const serving = line.match(/serving (http\S+)/);
        if (serving) {
          clearTimeout(timer);
          resolve({ name, url: serving[1], process: child, stop: () => stopChild(child) });
        }
      });
    }
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before serving`));
  });
}
