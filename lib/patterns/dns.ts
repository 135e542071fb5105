import { DEFAULT_DNS } from '../lint';
import { Peer, Port, Rule } from '../model';

// The cluster DNS service as a peer. CoreDNS (and kube-dns before it) runs in kube-system with the
// label `k8s-app: kube-dns`. The namespace is matched by `kubernetes.io/metadata.name`, which the
// control plane sets on every namespace (docs/semantics.md rule 20); a `name: kube-system` label does not
// exist by default. DNS needs TCP 53 as well as UDP 53: answers over 512 bytes fall back to TCP.

/** Where the cluster DNS pods run, as given to a pattern. */
export interface DnsTarget {
  /** Namespace of the DNS pods. @default 'kube-system' */
  readonly namespace?: string;
  /** Labels of the DNS pods. @default { 'k8s-app': 'kube-dns' } */
  readonly labels?: { [key: string]: string };
}

export const DEFAULT_DNS_NAMESPACE = DEFAULT_DNS.namespace;
export const DEFAULT_DNS_LABELS: { readonly [key: string]: string } = Object.freeze({ ...DEFAULT_DNS.labels });

/** The DNS pods as ONE peer: pods with the DNS labels AND in the DNS namespace (rule 18). */
export function dnsPeer(target: DnsTarget = {}): Peer {
  return Peer.pods({ ...(target.labels ?? DEFAULT_DNS_LABELS) }).inNamespace(target.namespace ?? DEFAULT_DNS_NAMESPACE);
}

/** The egress rule reaching DNS: UDP 53 and TCP 53 to the DNS pods. */
export function dnsEgressRule(target: DnsTarget = {}): Rule {
  return Rule.allow({ peers: [dnsPeer(target)], ports: [Port.DNS_UDP, Port.DNS_TCP] });
}
