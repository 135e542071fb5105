import { stringify } from 'yaml';

// A namespace of 20 workloads, the size the HTML page must stay readable at: a web tier, an API
// tier, workers and data stores, under a default deny with a few allows, plus DNS in kube-system.

const TIERS: Array<{ tier: string; names: string[]; port?: number }> = [
  { tier: 'web', names: ['storefront', 'checkout-ui', 'account-ui', 'admin-ui'], port: 8080 },
  { tier: 'api', names: ['catalog-api', 'cart-api', 'orders-api', 'payments-api', 'users-api', 'search-api'], port: 9000 },
  { tier: 'worker', names: ['mailer', 'invoicer', 'indexer', 'thumbnailer', 'fraud-scorer'] },
  { tier: 'data', names: ['postgres', 'redis', 'elasticsearch', 'kafka', 'minio'], port: 5432 },
];

export function shopObjects(): unknown[] {
  const deployments = TIERS.flatMap(({ tier, names, port }) => names.map((name) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, tier } },
        spec: { containers: [{ name: 'main', image: `example/${name}:1`, ...(port ? { ports: [{ containerPort: port }] } : {}) }] },
      },
    },
  })));
  const np = (name: string, spec: unknown) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'shop' }, spec });
  const tierPeer = (tier: string) => ({ podSelector: { matchLabels: { tier } } });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    ...deployments,
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'coredns', namespace: 'kube-system' },
      spec: { selector: { matchLabels: { 'k8s-app': 'kube-dns' } }, template: { metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: { containers: [{ name: 'coredns', image: 'coredns', ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }] }] } } },
    },
    np('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    np('allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] }),
    np('web-to-api', { podSelector: { matchLabels: { tier: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [tierPeer('api')], ports: [{ port: 9000 }] }] }),
    np('api-from-web', { podSelector: { matchLabels: { tier: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [tierPeer('web')], ports: [{ port: 9000 }] }] }),
    np('api-and-workers-to-data', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'worker'] }] }, policyTypes: ['Egress'], egress: [{ to: [tierPeer('data')] }] }),
    np('data-from-api-and-workers', { podSelector: { matchLabels: { tier: 'data' } }, policyTypes: ['Ingress'], ingress: [{ from: [tierPeer('api'), tierPeer('worker')], ports: [{ port: 5432 }] }] }),
  ];
}

export const SHOP_WORKLOADS = TIERS.reduce((n, t) => n + t.names.length, 0);

export function shopYaml(): string {
  return shopObjects().map((o) => stringify(o)).join('---\n');
}
