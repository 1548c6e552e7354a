import type { ChildProcess } from 'node:child_process';

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** SIGTERM, then SIGKILL after graceMs; resolves once the child has exited. */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Exits this process when its stdin closes, i.e. when the process that
 * launched it with a pipe has died, even by SIGKILL. Opt-in via env so a
 * service started by hand in a terminal keeps running.
 */
export function exitWhenLauncherDies(): void {
  if (process.env.LMC_EXIT_ON_STDIN_EOF !== '1') return;
  process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.on('error', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.resume();
}

/**
 * Runs `stop` on SIGTERM/SIGINT, then exits. A stop that hangs (e.g. a store
 * that vanished mid-close) must not keep the process alive: it is cut off
 * after graceMs, and a second signal exits at once.
 */
export function exitOnSignals(stop: () => Promise<void>, graceMs = 5000): void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => process.exit(1), graceMs).unref();
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
