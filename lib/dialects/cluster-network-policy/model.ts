import { LabelSelector, Protocol } from '../../model';

// ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2), and the v1alpha1 AdminNetworkPolicy
// and BaselineAdminNetworkPolicy it replaced, read into one form. The semantics, in our words,
// are in docs/cluster-network-policy.md; the rule numbers below ("CNP rule N") cite it.

/** Where a cluster-scoped policy sits around NetworkPolicy (CNP rule 1). */
export enum CnpTier {
  /** Evaluated before any NetworkPolicy; cannot be overridden by namespace owners. */
  ADMIN = 'Admin',
  /** Evaluated only for traffic no NetworkPolicy decides. */
  BASELINE = 'Baseline',
}

/** What a matching rule does (CNP rule 4). v1alpha1 wrote Accept as `Allow`. */
export enum CnpAction {
  ACCEPT = 'Accept',
  DENY = 'Deny',
  /** Skip the rest of this tier: Admin passes to NetworkPolicy, Baseline to the default (allow). */
  PASS = 'Pass',
}

/** Pods: those of namespaces matching `namespaces`, narrowed by `pods` when given. */
export interface CnpPodSet {
  /** Namespaces whose pods are meant; `{}` or omitted (for a `pods` peer) means every namespace (CNP rule 7). */
  readonly namespaces: LabelSelector;
  /** @default - every pod of those namespaces */
  readonly pods?: LabelSelector;
}

/** One peer: exactly one kind (CNP rule 6). */
export type CnpPeer =
  | { readonly kind: 'pods'; readonly set: CnpPodSet }
  | { readonly kind: 'networks'; readonly cidrs: string[] }
  | { readonly kind: 'nodes'; readonly selector: LabelSelector }
  | { readonly kind: 'domainNames'; readonly names: string[] };

/** One protocol entry: a protocol with a port or range, or a named container port. */
export type CnpPort =
  | { readonly kind: 'port'; readonly protocol: Protocol; readonly from: number; readonly to: number }
  | { readonly kind: 'named'; readonly name: string };

/** One ingress or egress rule. */
export interface CnpRule {
  readonly action: CnpAction;
  readonly name?: string;
  /** ORed (CNP rule 6). */
  readonly peers: CnpPeer[];
  /** ORed; undefined matches every protocol and port (CNP rule 9). */
  readonly ports?: CnpPort[];
}

/** Which API a policy was read from. */
export type CnpSource = 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';

/** A cluster-scoped policy, read and validated. */
export interface CnpSpec {
  /** `Kind/name`, e.g. `ClusterNetworkPolicy/deny-metadata`. */
  readonly id: string;
  readonly name: string;
  readonly source: CnpSource;
  readonly tier: CnpTier;
  /** 0..1000, lower first (CNP rule 2). BANP has none: 0. */
  readonly priority: number;
  readonly subject: CnpPodSet;
  /** In precedence order: the first matching rule decides (CNP rule 3). */
  readonly ingress: CnpRule[];
  readonly egress: CnpRule[];
}

/** `8080/TCP`, `9000-9100/UDP`, `named http`. */
export function cnpPortText(p: CnpPort): string {
  return p.kind === 'named' ? `named ${p.name}` : `${p.from === p.to ? p.from : `${p.from}-${p.to}`}/${p.protocol}`;
}

/** `pods app=web in namespaces team=a`, `networks 10.0.0.0/8`. */
export function cnpPeerText(p: CnpPeer): string {
  switch (p.kind) {
    case 'pods': {
      const ns = p.set.namespaces.isEverything() ? 'every namespace' : `namespaces ${p.set.namespaces}`;
      return p.set.pods === undefined ? `every pod of ${ns}` : `pods ${p.set.pods.isEverything() ? '(all)' : p.set.pods} in ${ns}`;
    }
    case 'networks': return `networks ${p.cidrs.join(', ')}`;
    case 'nodes': return `nodes ${p.selector}`;
    default: return `domain names ${p.names.join(', ')}`;
  }
}
