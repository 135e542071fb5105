import { Peer, Port } from 'cdk8s-netpol';

/**
 * Facts about Acme's clusters, written once. Every team gets them through the constructs of this
 * package instead of copying YAML (and its mistakes) from one another.
 */
export const ACME = {
  /** Acme runs CoreDNS from its Helm chart in its own namespace, not kube-dns in kube-system. */
  dnsNamespace: 'dns-system',
  dnsLabels: { 'app.kubernetes.io/name': 'coredns' },
  /** Prometheus lives in `observability`; ONE peer: its pods AND that namespace. */
  scraper: () => Peer.pods({ 'app.kubernetes.io/name': 'prometheus' }).inNamespace('observability'),
  /** Acme convention: every container exposing metrics names that port `metrics`. */
  metricsPort: () => Port.named('metrics'),
  /** Pods allowed into a team's database carry this label. */
  dbClientLabels: { 'acme.io/db-client': 'true' },
  /** The label every Acme policy carries, naming the owning team. */
  teamLabel: 'acme.io/team',
  /** Namespaces the platform team runs itself; the cluster baseline leaves them alone. */
  platformNamespaces: ['dns-system', 'observability', 'ingress'],
} as const;
