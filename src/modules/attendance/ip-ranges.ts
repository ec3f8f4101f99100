import ipaddr from 'ipaddr.js';

/**
 * Address ranges a device may send from (`allowedIps`): CIDR blocks (`10.20.0.0/24`, `2001:db8::/48`)
 * or single addresses (`10.20.0.7`, taken as /32 or /128). Parsed with ipaddr.js, the library Express
 * itself uses to read client addresses.
 */

/** The shape a range must have before it is parsed (the parse then decides, 422 if it fails). */
export const RANGE_PATTERN = '^[0-9A-Fa-f:.]{2,45}(/[0-9]{1,3})?$';

/** `10.20.0.7` -> `10.20.0.7/32`, `2001:DB8::/48` -> `2001:db8::/48`; undefined when it is no range. */
export function normaliseRange(text: string): string | undefined {
  try {
    if (text.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(text);
      return `${address.toString()}/${bits}`;
    }
    if (!ipaddr.isValid(text)) return undefined;
    const address = ipaddr.parse(text);
    return `${address.toString()}/${address.kind() === 'ipv4' ? 32 : 128}`;
  } catch {
    return undefined;
  }
}

/** The client address as one kind: `::ffff:10.0.0.1` (IPv4 mapped into IPv6) is read as `10.0.0.1`. */
function clientAddress(ip: string | undefined): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (!ip || !ipaddr.isValid(ip)) return undefined;
  return ipaddr.process(ip);
}

/** Whether `ip` lies in one of the ranges; a device without ranges accepts any address. */
export function addressAllowed(ranges: readonly string[] | undefined, ip: string | undefined): boolean {
  if (!ranges || ranges.length === 0) return true;
  const address = clientAddress(ip);
  if (!address) return false;
  return ranges.some((range) => {
    const [network, bits] = ipaddr.parseCIDR(range);
    if (address.kind() === 'ipv4' && network.kind() === 'ipv4') {
      return (address as ipaddr.IPv4).match(network as ipaddr.IPv4, bits);
    }
    if (address.kind() === 'ipv6' && network.kind() === 'ipv6') {
      return (address as ipaddr.IPv6).match(network as ipaddr.IPv6, bits);
    }
    return false;
  });
}
