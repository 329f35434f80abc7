import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';

/** `npm start`: read the config, build the app, serve until SIGTERM or SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
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
