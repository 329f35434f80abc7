import ipaddr from 'ipaddr.js';

/** Decides whether the agent may connect to an IP address. */
export type AddressPolicy = (ip: string) => boolean;

/**
 * Only public unicast addresses: no loopback, private, link-local (cloud metadata at
 * 169.254.169.254), unique-local, carrier-grade NAT, multicast, reserved or unspecified ones —
 * also when written as IPv4-mapped IPv6.
 */
export const publicAddressesOnly: AddressPolicy = (ip) => {
  if (!ipaddr.isValid(ip)) return false;
  let address = ipaddr.parse(ip);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  return address.range() === 'unicast';
};

export const anyAddress: AddressPolicy = () => true;
