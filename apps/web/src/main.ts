import { enableGracefulShutdown, loadConfigOrExit } from '@catalyst/common';
import { createWeb } from './create-web';

/** `npm run start:web`: the web application on its own (WEB_PORT, default 3001). */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const port = Number(process.env.WEB_PORT?.trim() || 3001);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(
      `WEB_PORT must be a port number from 1 to 65535 (it is '${process.env.WEB_PORT}')`,
    );
    process.exit(1);
  }
  const app = await createWeb(config);
  enableGracefulShutdown(app, config.shutdownGraceMs);
  await app.listen({ port, host: '0.0.0.0' });
}

main().catch((error: unknown) => {
  console.error(
    'The web application failed to start:',
    error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
