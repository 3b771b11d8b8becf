import { Logger } from '@nestjs/common';
import { enableGracefulShutdown, loadConfigOrExit } from '@catalyst/common';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // Every replica registers the schedules: upserting by a stable key leaves one per key.
  const app = await createWorker(config, { registerSchedules: true });
  enableGracefulShutdown(app, config.shutdownGraceMs);
  new Logger('Worker').log(`Worker ready (queue backend: ${config.queueBackend})`);
  // Under `npm start` the launcher waits for this before it prints how to sign in.
  process.send?.({ catalyst: 'ready' });
}

main().catch((error: unknown) => {
  console.error('The worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
