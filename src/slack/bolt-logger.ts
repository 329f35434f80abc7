import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

import type { Logger } from '../logging/logger.js';

/** Bolt's logger interface over our pino logger (one log stream, one redaction policy). */
export function boltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const join = (msg: unknown[]) =>
    msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => logger.debug(join(msg)),
    info: (...msg) => logger.info(join(msg)),
    warn: (...msg) => logger.warn(join(msg)),
    error: (...msg) => logger.error(join(msg)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
