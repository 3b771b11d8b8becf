import { ChildProcess, spawn } from 'node:child_process';
import { errorMessage, log, logError, seconds, within } from './log';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit({ code, signal }: Exit): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/** One Catalyst process (the API or the worker) run by the launcher. */
export class Child {
  readonly exited: Promise<Exit>;
  /** Resolves when the process reports `{ catalyst: 'ready' }` over IPC (the worker does). */
  readonly reportedReady: Promise<void>;
  private readonly proc: ChildProcess;
  private exit?: Exit;

  constructor(
    readonly name: string,
    script: string,
    env: NodeJS.ProcessEnv,
    cwd: string,
    nodeFlags: readonly string[] = [],
  ) {
    this.proc = spawn(process.execPath, [...nodeFlags, script], {
      cwd,
      env,
      // An IPC channel besides the terminal: the worker says when it is ready on it.
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      // Its own process group: Ctrl-C in the terminal then reaches only the launcher, which
      // sends one SIGTERM to each child and stops PostgreSQL after them.
      detached: process.platform !== 'win32',
    });
    this.reportedReady = new Promise((resolve) => {
      this.proc.on('message', (message: unknown) => {
        if ((message as { catalyst?: unknown } | null)?.catalyst === 'ready') resolve();
      });
    });
    this.exited = new Promise((resolve) => {
      this.proc.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
      this.proc.once('error', (error) => {
        logError(`Could not start the ${name}: ${errorMessage(error)}`);
        this.exit ??= { code: 127, signal: null };
        resolve(this.exit);
      });
    });
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.proc.kill(signal);
  }

  /** SIGTERM, then SIGKILL when it has not exited after `graceMs`. */
  async stop(graceMs: number): Promise<Exit> {
    if (!this.running) return this.exited;
    this.kill('SIGTERM');
    try {
      return await within(this.exited, graceMs, 'still running');
    } catch {
      logError(`The ${this.name} did not stop within ${graceMs / 1000} s; killing it.`);
      this.kill('SIGKILL');
      return within(this.exited, 5000, 'still running').catch(() => ({ code: null, signal: null }));
    }
  }
}

/** Stops the children together (SIGTERM, bounded wait, SIGKILL); logs how they ended. */
export async function stopChildren(children: Child[], graceMs: number): Promise<void> {
  const running = children.filter((child) => child.running);
  if (!running.length) return;
  const began = Date.now();
  log(`Stopping the ${running.map((child) => child.name).join(' and the ')} (SIGTERM)...`);
  const exits = await Promise.all(running.map((child) => child.stop(graceMs)));
  // Nest re-raises the signal once it has closed, so "killed by SIGTERM" is a clean stop.
  const clean = (exit: Exit) => exit.code === 0 || exit.signal === 'SIGTERM';
  const unclean = running.filter((_, i) => !clean(exits[i]));
  const how = unclean.length
    ? ` (${running.map((child, i) => `${child.name}: ${describeExit(exits[i])}`).join(', ')})`
    : '';
  log(
    `Stopped the ${running.map((child) => child.name).join(' and the ')} in ${seconds(began)}${how}.`,
  );
}

/**
 * Polls `url` every 0.5 s until it answers 200, for at most `timeoutMs`; stops early when
 * `giveUp()` turns true. When not ready, `last` says what the last attempt got.
 */
export async function waitUntilReady(
  url: string,
  timeoutMs: number,
  giveUp: () => boolean,
): Promise<{ ready: true } | { ready: false; last: string }> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline && !giveUp()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (response.status === 200) return { ready: true };
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      last = errorMessage(cause ?? error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { ready: false, last };
}
