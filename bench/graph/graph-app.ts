// A random but reproducible application for `netpol graph`: Deployments spread over namespaces
// beside the usual infrastructure (ingress-nginx, kube-system's DNS, monitoring's Prometheus),
// under the policies teams write (default deny, DNS egress, ingress controller to the web tier,
// web to api, api and workers to the data tier, Prometheus scraping, a few cross-namespace
// calls). The same arguments always give the same objects. Used by the graph benchmark and by
// the graph's browser test.

type Json = { [key: string]: unknown };

/** The workloads every app has beside its own, in their namespaces. */
export const INFRASTRUCTURE: Array<{ namespace: string; name: string; labels: { [k: string]: string }; ports: number[]; dns?: boolean }> = [
  { namespace: 'ingress-nginx', name: 'ingress-nginx-controller', labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, ports: [80, 443] },
  { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, ports: [], dns: true },
  { namespace: 'monitoring', name: 'prometheus', labels: { app: 'prometheus' }, ports: [9090] },
];

const ROLES: Array<{ tier: string; names: string[]; port?: number }> = [
  { tier: 'web', names: ['web', 'storefront', 'admin-ui', 'checkout-frontend'], port: 8080 },
  { tier: 'api', names: ['api', 'orders-api', 'payments-reconciliation-api', 'catalog'], port: 9000 },
  { tier: 'data', names: ['postgres', 'redis', 'elasticsearch-data', 'kafka'], port: 5432 },
  { tier: 'worker', names: ['mailer', 'invoice-renderer-worker', 'indexer'] },
];

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `workloads` Deployments in `namespaces` namespaces, the three infrastructure ones included
 * (at least one application namespace and one workload in each), with their policies.
 */
export function generateGraphApp(workloads: number, namespaces: number, seed = 1): Json[] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const appNamespaces = Math.max(1, namespaces - INFRASTRUCTURE.length);
  const appWorkloads = Math.max(appNamespaces, workloads - INFRASTRUCTURE.length);
  const nsNames = Array.from({ length: appNamespaces }, (_, i) => (appNamespaces === 1 ? 'shop' : `${pick(['shop', 'billing', 'search', 'identity', 'logistics'])}-${i}`));
  const objects: Json[] = [];
  for (const ns of ['ingress-nginx', 'kube-system', 'monitoring', ...nsNames]) objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (const w of INFRASTRUCTURE) objects.push(deployment(w.namespace, w.name, w.labels, w.dns ? [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }] : w.ports.map((p) => ({ containerPort: p }))));
  // Workloads by namespace: the first ones get web, api, data in turn, then random roles.
  const members = nsNames.map(() => [] as Array<{ name: string; tier: string }>);
  for (let i = 0; i < appWorkloads; i++) {
    const k = i % appNamespaces;
    const mine = members[k];
    const role = mine.length < 3 ? ROLES[mine.length] : pick(ROLES);
    const base = mine.length < 3 && appNamespaces === 1 ? role.names[0] : pick(role.names);
    const name = mine.some((m) => m.name === base) ? `${base}-${mine.length}` : base;
    mine.push({ name, tier: role.tier });
    objects.push(deployment(nsNames[k], name, { app: name, tier: role.tier }, role.port ? [{ containerPort: role.port }] : []));
  }
  const tier = (t: string) => ({ podSelector: { matchLabels: { tier: t } } });
  const nsPeer = (name: string, labels: { [k: string]: string }) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } }, podSelector: { matchLabels: labels } });
  nsNames.forEach((ns, k) => {
    const np = (name: string, spec: Json) => objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
    np('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    np('allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [nsPeer('kube-system', { 'k8s-app': 'kube-dns' })], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] });
    np('web-from-ingress', { podSelector: { matchLabels: { tier: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [nsPeer('ingress-nginx', INFRASTRUCTURE[0].labels)], ports: [{ port: 8080 }] }] });
    np('web-to-api', { podSelector: { matchLabels: { tier: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [tier('api')], ports: [{ port: 9000 }] }] });
    np('api-from-web', { podSelector: { matchLabels: { tier: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [tier('web')], ports: [{ port: 9000 }] }] });
    np('to-data', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'worker'] }] }, policyTypes: ['Egress'], egress: [{ to: [tier('data')] }] });
    np('data-from-api-and-workers', { podSelector: { matchLabels: { tier: 'data' } }, policyTypes: ['Ingress'], ingress: [{ from: [tier('api'), tier('worker')], ports: [{ port: 5432 }] }] });
    np('allow-scrape', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [nsPeer('monitoring', INFRASTRUCTURE[2].labels)], ports: [{ port: 9102 }] }] });
    // Now and then another namespace's web tier calls this one's api.
    if (appNamespaces > 1 && rnd() < 0.3) {
      const other = nsNames[(k + 1 + Math.floor(rnd() * (appNamespaces - 1))) % appNamespaces];
      np('api-from-partner', { podSelector: { matchLabels: { tier: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [nsPeer(other, { tier: 'web' })], ports: [{ port: 9000 }] }] });
      objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `to-${ns}`, namespace: other },
        spec: { podSelector: { matchLabels: { tier: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [nsPeer(ns, { tier: 'api' })], ports: [{ port: 9000 }] }] } });
    }
  });
  return objects;
}

function deployment(namespace: string, name: string, labels: { [k: string]: string }, ports: Json[]): Json {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: `example/${name}:1`, ...(ports.length > 0 ? { ports } : {}) }] } },
    },
  };
}
