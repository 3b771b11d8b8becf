import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import {
  createWriteStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  WriteStream,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every process and temporary folder a resilience test starts, so that `cleanUp()` (afterAll)
 * and, as a last resort, the test process's own exit leave nothing behind: each child runs in
 * its own process group and the whole group is killed.
 */
const live = new Set<Child>();
const folders = new Set<string>();

process.once('exit', () => {
  for (const child of live) child.killGroup('SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

export function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `catalyst-resilience-${prefix}-`));
  folders.add(folder);
  return folder;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The local TCP ports of process `pid`'s sockets (Linux /proc): which of a database's client
 * connections belong to which process (`pg_stat_activity.client_port`).
 */
export function tcpPortsOf(pid: number): Set<number> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed while listing
    }
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    const lines = readFileSync(`/proc/${pid}/net/${table}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (inodes.has(fields[9])) ports.add(parseInt(fields[1].split(':')[1], 16));
    }
  }
  return ports;
}

/** Polls until `read()` gives a value `accept` takes (no fixed sleeps); fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  read: () => Promise<T> | T,
  accept: (value: T) => boolean = (value) => Boolean(value),
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (accept(value)) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`${what}: not so after ${timeoutMs} ms (last seen: ${seen?.slice(0, 500)})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One child process (a server, an app), its output kept in a log file for post-mortems. */
export class Child {
  readonly process: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly log: WriteStream;
  private output = '';
  /** What the child sent over the IPC channel (the worker sends `{ catalyst: 'ready' }`). */
  readonly messages: unknown[] = [];
  private readonly watchers: { pattern: RegExp; resolve: () => void }[] = [];

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: Omit<SpawnOptions, 'stdio' | 'detached'> & { logFile: string; ipc?: boolean },
  ) {
    this.log = createWriteStream(options.logFile, { flags: 'a' });
    this.process = spawn(command, args, {
      ...options,
      detached: true,
      stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    });
    this.process.on('message', (message) => this.messages.push(message));
    const take = (chunk: Buffer) => {
      this.log.write(chunk);
      // Only the tail is kept in memory: enough to match readiness lines and report failures.
      this.output = (this.output + chunk.toString()).slice(-64_000);
      for (const watcher of [...this.watchers]) {
        if (watcher.pattern.test(this.output)) {
          this.watchers.splice(this.watchers.indexOf(watcher), 1);
          watcher.resolve();
        }
      }
    };
    this.process.stdout?.on('data', take);
    this.process.stderr?.on('data', take);
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code, signal) => {
        live.delete(this);
        resolve({ code, signal });
      });
    });
    this.process.once('error', (error) => this.log.write(`spawn error: ${error.message}\n`));
    live.add(this);
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  /** The last lines the process wrote (for assertion messages). */
  tail(chars = 4000): string {
    return this.output.slice(-chars);
  }

  /** Resolves once the output matches `pattern` (already, or later); rejects if the process exits. */
  async waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    if (pattern.test(this.output)) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.watchers.push({ pattern, resolve })),
      this.exited.then(({ code, signal }) => {
        throw new Error(
          `${this.name} exited (${code ?? signal}) before ${pattern}:\n${this.tail()}`,
        );
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`${this.name}: no ${pattern} in ${timeoutMs} ms:\n${this.tail()}`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.process.kill(signal);
  }

  killGroup(signal: NodeJS.Signals): void {
    if (!this.running) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      this.process.kill(signal);
    }
  }

  /** SIGTERM (or `signal`), then SIGKILL to the whole group after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000) {
    if (!this.running) return this.exited;
    this.signal(signal);
    const timer = setTimeout(() => this.killGroup('SIGKILL'), graceMs);
    const result = await this.exited;
    clearTimeout(timer);
    this.killGroup('SIGKILL');
    return result;
  }

  async kill(): Promise<void> {
    this.killGroup('SIGKILL');
    await this.exited;
  }
}

/** Kills every process still running and removes every temporary folder. */
export async function cleanUp(): Promise<void> {
  await Promise.all([...live].map((child) => child.kill()));
  // RESILIENCE_KEEP_TMP=1 keeps the logs and data folders of a failed run for a post-mortem.
  if (process.env.RESILIENCE_KEEP_TMP === '1') return;
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders.clear();
}
