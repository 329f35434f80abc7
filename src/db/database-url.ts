import path from 'node:path';

/** Which database a `DATABASE_URL` selects. */
export type DatabaseProvider = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  provider: DatabaseProvider;
  /** For SQLite: `file:` + an absolute path. For PostgreSQL: the URL as given. */
  url: string;
  /** For SQLite: the absolute path of the database file. */
  filePath?: string;
}

/**
 * Reads a `DATABASE_URL`: `file:…` (a SQLite file, relative paths resolved against `baseDir`) or
 * `postgres://…` / `postgresql://…`. Throws with a plain message for anything else.
 */
export function parseDatabaseUrl(raw: string, baseDir: string = process.cwd()): DatabaseTarget {
  const value = raw.trim();
  if (value.startsWith('file:')) {
    const rest = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (rest === '' || rest === ':memory:') {
      throw new Error(
        'an in-memory SQLite database loses everything on restart; give a file path such as file:./data/crm.db',
      );
    }
    const filePath = path.resolve(baseDir, rest.split('?')[0] ?? rest);
    return { provider: 'sqlite', url: `file:${filePath}`, filePath };
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    // Parse to reject malformed URLs early; the original text is kept for the driver.
    new URL(value);
    return { provider: 'postgresql', url: value };
  }
  throw new Error('must start with file: (SQLite) or postgresql:// (PostgreSQL)');
}

/** The URL with any password replaced, for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgresql://(unparseable)';
  }
}
