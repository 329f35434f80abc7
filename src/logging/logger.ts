import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

import type { Config } from '../config/config.js';

export type { Logger };

/** Wherever a secret could sit in a log line: headers, config objects, request bodies. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'headers.authorization',
  '*.token',
  '*.apiKey',
  '*.password',
  '*.adminApiToken',
  '*.signingSecret',
  '*.botToken',
  '*.appToken',
  'config.*.token',
  'config.*.apiKey',
];

/** The one logger of the app: JSON lines in production, readable lines in a dev terminal. */
export function createLogger(config: Pick<Config, 'log'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.log.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'personable-crm' },
  };
  if (destination) return pino(options, destination);
  if (config.log.format === 'pretty')
    return pino(options, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' }));
  return pino(options);
}
