import { createApp } from './app.js';
import { loadConfigOrExit } from './config/config.js';

/** `npm start`: read the config, build the app, serve until SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(1);
  const app = createApp(config);
  const shutdown = (signal: string) => {
    app.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  try {
    await app.start();
  } catch (error) {
    app.logger.fatal({ err: error }, `could not start: ${(error as Error).message}`);
    await app.stop().catch(() => undefined);
    process.exit(1);
  }
}

await main();
