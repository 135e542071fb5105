import * as ipaddr from 'ipaddr.js';

// CIDR parsing and containment (VALIDATION.md V-20..V-24, docs/semantics.md rules 21-25) on ipaddr.js.

export type IpFamily = 'ipv4' | 'ipv6';

/** A parsed CIDR. `network` has the host bits cleared; `hostBitsSet` says the input had some. */
export interface ParsedCidr {
  readonly text: string;
  readonly family: IpFamily;
  readonly network: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
  readonly hostBitsSet: boolean;
  readonly leadingZeros: boolean;
  readonly ipv4Mapped: boolean;
  /** `network/prefix`, the only form an SDK should emit. */
  readonly canonical: string;
}

const IPV4_LEADING_ZERO = /(^|\.)0\d/;

// Parsed CIDRs by text: a cluster export repeats the same few blocks across thousands of policies,
// and validation, analysis and lint each parse them. Results are shared, so never modified.
const parsed = new Map<string, ParsedCidr | undefined>();

/** Parses `addr/prefix`; undefined when Kubernetes' parser would reject it (V-21). */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (parsed.has(text)) return parsed.get(text);
  if (parsed.size >= 10_000) parsed.clear(); // bounded: hostile input may hold any number of distinct texts
  const result = parseCidrUncached(text);
  parsed.set(text, result);
  return result;
}

function parseCidrUncached(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0 || text.trim() !== text) return undefined;
  const addrText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  // ParseCIDRSloppy: decimal prefix (leading zeros tolerated), decimal IPv4 octets (leading
  // zeros read as decimal, not octal), no IPv6 zone.
  if (!/^\d{1,10}$/.test(prefixText) || addrText.includes('%')) return undefined;
  const isV4 = /^[\d.]+$/.test(addrText);
  if (isV4 ? !ipaddr.IPv4.isValidFourPartDecimal(addrText.replace(/(^|\.)0+(\d)/g, '$1$2')) : !ipaddr.IPv6.isValid(addrText)) {
    return undefined;
  }
  const prefix = Number(prefixText);
  if (prefix > (isV4 ? 32 : 128)) return undefined;
  const address = isV4 ? ipaddr.IPv4.parse(addrText.replace(/(^|\.)0+(\d)/g, '$1$2')) : ipaddr.IPv6.parse(addrText);
  const network = isV4
    ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
    : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
  const ipv4Mapped = !isV4 && (address as ipaddr.IPv6).isIPv4MappedAddress();
  return {
    text,
    family: isV4 ? 'ipv4' : 'ipv6',
    network,
    prefix,
    hostBitsSet: network.toString() !== address.toString(),
    leadingZeros: (isV4 && IPV4_LEADING_ZERO.test(addrText)) || /^0\d/.test(prefixText),
    ipv4Mapped,
    canonical: `${network.toString()}/${prefix}`,
  };
}

/**
 * The IPv4 form of an IPv4-mapped IPv6 CIDR (`::ffff:10.0.0.0/104` -> `10.0.0.0/8`), which is
 * what such a block means to the dataplane; undefined when the prefix does not cover the mapping.
 */
export function ipv4FormOfMapped(cidr: ParsedCidr): string | undefined {
  if (!cidr.ipv4Mapped || cidr.prefix < 96) return undefined;
  return `${(cidr.network as ipaddr.IPv6).toIPv4Address().toString()}/${cidr.prefix - 96}`;
}

const DOTTED_QUAD = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

/** Parses a plain IP address (no prefix); undefined when it is not one. */
export function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // Fast path for the common dotted quad (one parse instead of ipaddr's three); any other text
  // takes ipaddr's way below, which accepts the same four-part decimal addresses.
  const quad = DOTTED_QUAD.exec(text);
  if (quad) {
    const octets = [Number(quad[1]), Number(quad[2]), Number(quad[3]), Number(quad[4])];
    if (octets.every((o) => o <= 255)) return new ipaddr.IPv4(octets);
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

/** Rule 25: address families never mix. */
export function ipInCidr(ip: ipaddr.IPv4 | ipaddr.IPv6, cidr: ParsedCidr): boolean {
  if (ip.kind() !== cidr.family) return false;
  return (ip as ipaddr.IPv4).match(cidr.network as ipaddr.IPv4, cidr.prefix);
}

/** V-24: `inner` is a strict subset of `outer` (same family, inside, longer prefix). */
export function cidrStrictlyContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return outer.family === inner.family && inner.prefix > outer.prefix && ipInCidr(inner.network, outer);
}

/** `outer` contains `inner` or equals it. */
export function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return outer.family === inner.family && inner.prefix >= outer.prefix && ipInCidr(inner.network, outer);
}

/** V-21 message, as the API server prints it. */
export const INVALID_CIDR_MESSAGE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** A fix hint for a string that is not a valid CIDR, e.g. a bare IP: `did you mean "10.0.0.1/32"?` */
export function cidrHint(text: string): string | undefined {
  const ip = parseIp(text.trim());
  if (ip) return `did you mean "${ip.toString()}/${ip.kind() === 'ipv4' ? 32 : 128}"?`;
  return undefined;
}
