import { createServer, type AddressInfo } from 'node:net';

/** A loopback port nobody listens on right now (for a child process that must be told its port). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
