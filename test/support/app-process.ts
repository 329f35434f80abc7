import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from './free-port.js';

export interface AppProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/**
 * `src/main.ts` in its own process, as `npm start` runs it, on `databaseUrl` and a free loopback
 * port with a fresh data folder; resolves once `/healthz` answers. `env` adds or overrides settings.
 */
export async function startAppProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: { preload?: string[] } = {},
): Promise<AppProcess> {
  const port = await freePort();
  // `preload`: modules loaded before the app (after tsx), e.g. a bench's instrumentation.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', ...(options.preload ?? []).flatMap((p) => ['--import', p]), 'src/main.ts'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: databaseUrl,
        DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'crm-proc-')),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: 'ignore',
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await untilHealthy(url, () => child.exitCode === null, 600).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return { child, url, exited };
}

/** Waits until `url`/healthz answers 200, trying every 100 ms, at most `tries` times and while `alive()`. */
export async function untilHealthy(url: string, alive: () => boolean, tries: number): Promise<void> {
  for (let i = 0; ; i += 1) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (i > tries || !alive()) throw new Error(`${url} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
