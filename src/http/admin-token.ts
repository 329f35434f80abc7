import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logging/logger.js';

export const ADMIN_TOKEN_FILE = 'admin-api-token';

/**
 * The admin API token: the configured one, else the one stored under the data directory, else a
 * new random one written there (readable by the owner only) — so a fresh install is never open.
 */
export function resolveAdminToken(configured: string | undefined, dataDir: string, logger: Logger): { token: string; file?: string } {
  if (configured) return { token: configured };
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 24) return { token: stored, file };
    logger.warn({ file }, 'the stored admin API token is too short; making a new one');
  }
  const token = randomBytes(32).toString('hex');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  logger.info({ file }, `No ADMIN_API_TOKEN was set, so one was created in ${file}`);
  return { token, file };
}
