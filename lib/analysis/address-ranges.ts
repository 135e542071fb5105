import * as ipaddr from 'ipaddr.js';
import { CnpSpec } from '../dialects/cluster-network-policy/model';
import { IpBlockPeer, PolicySpec } from '../model';
import { IpFamily, parseCidr } from '../model/validation';

// Addresses outside the cluster, split into the ranges the policies distinguish. Every ipBlock
// `cidr` and `except` (docs/semantics.md rule 21) starts and ends a region; between two
// consecutive boundaries every address falls in exactly the same blocks, so one representative
// address decides for the whole range. Together the ranges cover every IPv4 and every IPv6
// address, so nothing outside the cluster is left unexamined.

/** A range of addresses, inclusive, in one family. */
export interface AddressRange {
  readonly family: IpFamily;
  /** First address of the range (also the one the analyzer evaluates for it). */
  readonly first: string;
  /** Last address of the range. */
  readonly last: string;
  /** `10.0.0.0/8` when the range is exactly one CIDR block, else `first-last`. */
  readonly text: string;
}

const BITS: { [family in IpFamily]: number } = { ipv4: 32, ipv6: 128 };

/** The ipBlock cidrs and excepts of the policies, and cluster policies' networks, as text. */
export function blockBoundaries(policies: PolicySpec[], clusterPolicies: CnpSpec[] = []): string[] {
  const out = new Set<string>();
  for (const p of policies) {
    for (const rule of p.ingress) for (const peer of rule.peers) addBlock(peer, out);
    for (const rule of p.egress) for (const peer of rule.peers) addBlock(peer, out);
  }
  for (const p of clusterPolicies) {
    for (const rule of [...p.ingress, ...p.egress]) for (const peer of rule.peers) if (peer.kind === 'networks') peer.cidrs.forEach((c) => out.add(c));
  }
  return [...out];
}

function addBlock(peer: unknown, out: Set<string>): void {
  if (!(peer instanceof IpBlockPeer)) return;
  out.add(peer.cidr);
  for (const e of peer.except) out.add(e);
}

/**
 * The ranges that `cidrs` cut the address space into, IPv4 first, each sorted by address.
 * Unparseable CIDRs (which the API server rejects) cut nothing.
 */
export function addressRanges(cidrs: string[]): AddressRange[] {
  const cuts: { [family in IpFamily]: Set<bigint> } = { ipv4: new Set([0n]), ipv6: new Set([0n]) };
  for (const text of cidrs) {
    const c = parseCidr(text);
    if (!c) continue;
    const size = 1n << BigInt(BITS[c.family] - c.prefix);
    const start = toBigInt(c.network);
    cuts[c.family].add(start);
    const end = start + size;
    if (end < 1n << BigInt(BITS[c.family])) cuts[c.family].add(end);
  }
  const out: AddressRange[] = [];
  for (const family of ['ipv4', 'ipv6'] as IpFamily[]) {
    const top = 1n << BigInt(BITS[family]);
    const starts = [...cuts[family]].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    starts.forEach((start, i) => {
      const end = (i + 1 < starts.length ? starts[i + 1] : top) - 1n;
      out.push(range(family, start, end));
    });
  }
  return out;
}

function range(family: IpFamily, start: bigint, end: bigint): AddressRange {
  const first = fromBigInt(family, start);
  const last = fromBigInt(family, end);
  const count = end - start + 1n;
  // A power-of-two count aligned on its size is one CIDR block.
  const isBlock = (count & (count - 1n)) === 0n && start % count === 0n;
  const prefix = BITS[family] - (count.toString(2).length - 1);
  return { family, first, last, text: isBlock ? `${first}/${prefix}` : `${first}-${last}` };
}

function toBigInt(ip: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  let n = 0n;
  for (const b of ip.toByteArray()) n = (n << 8n) | BigInt(b);
  return n;
}

function fromBigInt(family: IpFamily, n: bigint): string {
  const bytes: number[] = [];
  for (let i = 0; i < BITS[family] / 8; i++) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  return ipaddr.fromByteArray(bytes).toString();
}
