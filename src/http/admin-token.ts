import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Logger } from '../logging/logger.js';
import { ensurePrivateDir, ensurePrivateFiles } from '../private-files.js';

export const ADMIN_TOKEN_FILE = 'admin-api-token';

/**
 * The admin API token: the configured one, else the one stored under the data directory, else a
 * new random one written there — so a fresh install is never open. The data directory is made
 * 0700 and the token file 0600 on every start (a file written before, or by hand, may be 0644).
 */
export function resolveAdminToken(
  configured: string | undefined,
  dataDir: string,
  logger: Logger,
): { token: string; file?: string } {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  ensurePrivateFiles(file);
  if (configured) return { token: configured };
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 24) return { token: stored, file };
    logger.warn({ file }, 'the stored admin API token is too short; making a new one');
  }
  const token = randomBytes(32).toString('hex');
  // `mode` applies only when the file is created: a stale file keeps its mode, so set it again.
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  ensurePrivateFiles(file);
  logger.info({ file }, `No ADMIN_API_TOKEN was set, so one was created in ${file}`);
  return { token, file };
}
