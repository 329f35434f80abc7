import { describe, expect, it } from 'vitest';

import { publicAddressesOnly } from '../../../src/research/web/address-policy.js';

describe('publicAddressesOnly', () => {
  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '2001:4860:4860::8888',
    '1.1.1.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:81c::200e',
    '::ffff:8.8.8.8',
  ])('allows public %s', (ip) => {
    expect(publicAddressesOnly(ip)).toBe(true);
  });
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-ip',
    // IPv4-compatible (::/96) and other forms that carry an IPv4 address, and IPv6 outside 2000::/3
    '::a9fe:a9fe',
    '::a00:1',
    '::7f00:1',
    '::169.254.169.254',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b:1::a00:1',
    '2002:a9fe:a9fe::1',
    '2002:7f00:1::',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '2001:db8::1',
    '100::1',
    '4000::1',
    'e000::1',
    '::ffff:0:a00:1',
  ])('refuses %s', (ip) => {
    expect(publicAddressesOnly(ip)).toBe(false);
  });
});
