import { IpBlockPeer } from '../../model';
import { cidrContains, ipInCidr, ParsedCidr, parseCidr, parseIp } from '../../model/validation';

/** docs/semantics.md rule 21: inside `cidr` and inside none of `except`; families never mix (rule 25). */
export function ipBlockMatchesIp(peer: IpBlockPeer, address: string): boolean {
  const ip = parseIp(address);
  const cidr = parseCidr(peer.cidr);
  if (!ip || !cidr || !ipInCidr(ip, cidr)) return false;
  return !peer.except.some((e) => {
    const ex = parseCidr(e);
    return ex !== undefined && ipInCidr(ip, ex);
  });
}

/** Whether two CIDRs share at least one address. */
export function cidrsOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/**
 * Whether the ipBlock lets through some addresses of `target`: its cidr contains the whole target
 * block and no single except removes all of it. (An except that removes part of the target still
 * leaves the rest reachable.)
 */
export function ipBlockCoversCidr(peer: IpBlockPeer, target: string): boolean {
  const cidr = parseCidr(peer.cidr);
  const t = parseCidr(target);
  if (!cidr || !t || !cidrContains(cidr, t)) return false;
  return !peer.except.some((e) => {
    const ex = parseCidr(e);
    return ex !== undefined && cidrContains(ex, t);
  });
}

/** True for `0.0.0.0/0` or `::/0` with no except: every address of the family. */
export function isWholeInternet(peer: IpBlockPeer): boolean {
  const cidr = parseCidr(peer.cidr);
  return cidr !== undefined && cidr.prefix === 0 && peer.except.length === 0;
}
