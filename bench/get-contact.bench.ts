import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';

import type { DatabaseProvider } from '../src/db/database-url.js';
import { startBenchApp } from './support/bench-app.js';
import { openRawDriver } from './support/raw-driver.js';
import { syntheticContacts } from './support/synthetic-contacts.js';

export interface GetContactFigures {
  provider: DatabaseProvider;
  api: number;
  bareExpress: number;
  rawDriverExpress: number;
}

async function requestsPerSecond(url: string, paths: string[], seconds: number): Promise<number> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: 10,
    duration: seconds,
    headers: { authorization: 'Bearer test-admin-token-0123456789abcdef' },
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

function listen(app: express.Express): Promise<{ url: string; server: Server }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    );
  });
}

/** GET /api/contacts/:id against a bare Express handler (no database) and one reading the raw driver. */
export async function benchGetContact(
  provider: DatabaseProvider,
  seconds: number,
  postgresServerUrl?: string,
): Promise<GetContactFigures> {
  const t = await startBenchApp(provider, postgresServerUrl);
  const raw = await openRawDriver(t.database.target);
  const servers: Server[] = [];
  let inFlight = 0;
  try {
    await raw.insertContacts(syntheticContacts(5_000, 3));
    const ids = await raw.anyIds(1_000);
    const paths = ids.map((id) => `/api/contacts/${id}`);
    const sample = (await t.api('GET', paths[0]!)).body;

    const bare = express();
    bare.get('/api/contacts/:id', (_req, res) => {
      res.json(sample);
    });
    const viaDriver = express();
    viaDriver.get('/api/contacts/:id', async (req, res) => {
      inFlight += 1;
      try {
        res.json(await raw.getContact(req.params.id));
      } finally {
        inFlight -= 1;
      }
    });
    const bareServer = await listen(bare);
    const driverServer = await listen(viaDriver);
    servers.push(bareServer.server, driverServer.server);

    return {
      provider,
      api: await requestsPerSecond(t.url, paths, seconds),
      bareExpress: await requestsPerSecond(bareServer.url, paths, seconds),
      rawDriverExpress: await requestsPerSecond(driverServer.url, paths, seconds),
    };
  } finally {
    // autocannon hangs up with requests still running: let them finish before their pool closes.
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await raw.close();
    await t.close();
  }
}
