import { INestApplicationContext, Logger } from '@nestjs/common';

/** Time the shutdown hooks get after the grace to close pools and connections (ms). */
export const SHUTDOWN_OVERRUN_MS = 5000;

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * On SIGTERM or SIGINT: Nest's shutdown hooks (requests and jobs in flight finish within
 * `graceMs`, then the pools close) and exit code 0. Should a hook still hang `graceMs` +
 * `SHUTDOWN_OVERRUN_MS` later, the process says so and exits 1 by itself rather than wait
 * for the platform's SIGKILL.
 */
export function enableGracefulShutdown(app: INestApplicationContext, graceMs: number): void {
  app.enableShutdownHooks([...SIGNALS], { useProcessExit: true });
  const overrun = (signal: NodeJS.Signals) => {
    for (const s of SIGNALS) process.removeListener(s, overrun);
    new Logger('Shutdown').log(`${signal}: finishing what is in flight (up to ${graceMs} ms)`);
    setTimeout(() => {
      new Logger('Shutdown').error(
        `Shutdown still not done ${graceMs + SHUTDOWN_OVERRUN_MS} ms after ${signal}; exiting`,
      );
      process.exit(1);
    }, graceMs + SHUTDOWN_OVERRUN_MS).unref();
  };
  for (const s of SIGNALS) process.on(s, overrun);
}
