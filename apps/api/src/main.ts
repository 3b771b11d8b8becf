import { enableGracefulShutdown, loadConfigOrExit } from '@catalyst/common';
import { createApi } from './bootstrap/create-api';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApi(config);
  enableGracefulShutdown(app, config.shutdownGraceMs);
  await app.listen({ port: config.port, host: '0.0.0.0' });
}

main().catch((error: unknown) => {
  console.error('The API failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
