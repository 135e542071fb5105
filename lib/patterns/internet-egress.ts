import { LabelSelector, Peer, PolicySpec, PolicyType, Port, Rule } from '../model';
import { cidrHint, parseCidr } from '../model/validation';
import { describePods, describePorts } from './describe';
import { RecipeScope, patternPolicy } from './recipe';

export const INTERNET_EGRESS_PATTERN = 'internet-egress';

/**
 * IPv4 blocks that are not "the internet": RFC 1918 private ranges (where pod, service and node
 * networks usually live) and link-local 169.254.0.0/16, which holds the cloud metadata service
 * 169.254.169.254 (instance credentials). Each lies strictly inside 0.0.0.0/0, as `except` requires.
 */
export const PRIVATE_IPV4_RANGES: readonly string[] = Object.freeze(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16']);

/**
 * IPv6 blocks that are not "the internet": unique-local fc00::/7 (which holds AWS' metadata
 * address fd00:ec2::254) and link-local fe80::/10.
 */
export const PRIVATE_IPV6_RANGES: readonly string[] = Object.freeze(['fc00::/7', 'fe80::/10']);

export interface InternetEgressRecipe extends RecipeScope {
  /** Pods allowed out. @default - every pod of the namespace */
  readonly pods?: LabelSelector;
  /** Destination ports. @default [Port.HTTPS] */
  readonly ports?: Port[];
  /** Also allow IPv6 (`::/0` minus private ranges). @default false */
  readonly ipv6?: boolean;
  /** More blocks to keep out, IPv4 or IPv6 (each goes to the block of its family). @default - none */
  readonly exceptAlso?: string[];
}

/**
 * Egress to public addresses only: `0.0.0.0/0` (and `::/0`) with the private and link-local ranges
 * excepted. An except removes addresses from that one ipBlock only (docs/semantics.md rule 23): another
 * policy can still allow them. Whether an ipBlock matches pod IPs is up to the plugin (rule 22);
 * excepting the private ranges keeps in-cluster traffic out of this rule on usual pod CIDRs.
 */
export function allowInternetEgress(r: InternetEgressRecipe): PolicySpec[] {
  if (r.ports !== undefined && r.ports.length === 0) {
    throw new Error('AllowInternetEgress: `ports: []` would open every port to the internet; list the ports, e.g. [Port.HTTPS]');
  }
  const v4 = [...PRIVATE_IPV4_RANGES];
  const v6 = [...PRIVATE_IPV6_RANGES];
  for (const [i, text] of (r.exceptAlso ?? []).entries()) {
    const field = `AllowInternetEgress: exceptAlso[${i}]: Invalid value: ${JSON.stringify(text)}`;
    const cidr = parseCidr(text);
    if (!cidr) throw new Error(`${field}: must be a valid CIDR value, e.g. "203.0.113.0/24"${hinted(cidrHint(text))}`);
    // Only canonical `network/prefix` strings are emitted (V-22).
    const nonCanonical = cidr.hostBitsSet ? 'must not have bits set beyond the prefix length'
      : cidr.leadingZeros ? 'must not have leading 0s in IP or prefix length'
        : cidr.ipv4Mapped ? 'must not have an IPv4-mapped IPv6 address' : undefined;
    if (nonCanonical) throw new Error(`${field}: ${nonCanonical}${hinted(`did you mean "${cidr.canonical}"?`)}`);
    if (cidr.family === 'ipv6' && !r.ipv6) {
      throw new Error(`${field}: is IPv6 but IPv6 egress is off; set ipv6: true or drop it`);
    }
    (cidr.family === 'ipv4' ? v4 : v6).push(text);
  }
  const peers = [Peer.anyIpv4(...unique(v4)), ...(r.ipv6 ? [Peer.anyIpv6(...unique(v6))] : [])];
  const pods = r.pods ?? LabelSelector.everything();
  const ports = r.ports ?? [Port.HTTPS];
  const intent = `${describePods(pods, r.namespace)} may connect on ${describePorts(ports)} to public ${r.ipv6 ? 'IPv4 and IPv6' : 'IPv4'} addresses, `
    + 'never to private, link-local or cloud metadata addresses';
  return [
    patternPolicy(INTERNET_EGRESS_PATTERN, intent, {
      name: r.name,
      namespace: r.namespace,
      labels: r.labels,
      annotations: r.annotations,
      podSelector: pods,
      policyTypes: [PolicyType.EGRESS],
      egress: [Rule.allow({ peers, ports })],
    }),
  ];
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

function hinted(hint: string | undefined): string {
  return hint === undefined ? '' : ` (${hint})`;
}
