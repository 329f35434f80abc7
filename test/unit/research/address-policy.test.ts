import { describe, expect, it } from 'vitest';
import { publicAddressesOnly } from '../../../src/research/web/address-policy.js';

describe('publicAddressesOnly', () => {
  it.each(['8.8.8.8', '93.184.216.34', '2001:4860:4860::8888', '1.1.1.1'])('allows public %s', (ip) => {
    expect(publicAddressesOnly(ip)).toBe(true);
  });
  it.each([
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '0.0.0.0', '255.255.255.255', '224.0.0.1', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip',
  ])('refuses %s', (ip) => {
    expect(publicAddressesOnly(ip)).toBe(false);
  });
});
