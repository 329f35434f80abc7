import { chmodSync, existsSync, mkdirSync } from 'node:fs';

/**
 * The app's own folder, readable by its user only (0700): created so, and put back so on every
 * start whatever the umask or an earlier version left.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Files holding secrets or data (the admin token, a SQLite database and its WAL): 0600 if present. */
export function ensurePrivateFiles(...files: string[]): void {
  for (const file of files) if (existsSync(file)) chmodSync(file, 0o600);
}
