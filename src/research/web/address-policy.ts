import ipaddr from 'ipaddr.js';

/** Decides whether the agent may connect to an IP address. */
export type AddressPolicy = (ip: string) => boolean;

/**
 * Only public unicast addresses: no loopback, private, link-local (cloud metadata at
 * 169.254.169.254), unique-local, carrier-grade NAT, multicast, reserved or unspecified ones.
 * IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is judged as the IPv4 address it maps. Any other IPv6 must
 * be global unicast, inside 2000::/3 (RFC 4291 §2.4), and not one of the forms that carry an IPv4
 * address a relay would reach on our behalf: IPv4-compatible `::a.b.c.d` (::/96, outside 2000::/3
 * anyway), 6to4 2002::/16, Teredo 2001::/32, NAT64 64:ff9b::/96 (outside 2000::/3) — nor the
 * documentation prefix 2001:db8::/32.
 */
export const publicAddressesOnly: AddressPolicy = (ip) => {
  if (!ipaddr.isValid(ip)) return false;
  const address = ipaddr.parse(ip);
  if (address.kind() === 'ipv4') return address.range() === 'unicast';
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range() === 'unicast';
  const [first] = v6.parts;
  // The top three bits of the first 16-bit group: 001 = 2000::/3
  if (first === undefined || (first & 0xe000) !== 0x2000) return false;
  // ipaddr.js names 6to4, teredo, reserved (2001:db8::/32) …: only its plain 'unicast' is public.
  return v6.range() === 'unicast';
};

export const anyAddress: AddressPolicy = () => true;
