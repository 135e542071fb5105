// A deterministic, realistic-looking cluster as Kubernetes objects (Namespaces, Pods with IPs and
// named container ports, NetworkPolicies), for the analysis and `netpol check` benchmarks.
// Namespaces hold ~50 pods: 10 apps of 5 replicas in three tiers. Policies cycle through the
// shapes teams actually write: default deny, DNS egress, app-to-app, cross-namespace by team
// label, monitoring scrape on a named port, internet egress with an except, NotIn selectors.

type Json = { [key: string]: unknown };

export interface GeneratedCluster {
  readonly namespaces: Json[];
  readonly pods: Json[];
  readonly policies: Json[];
}

const TIERS = ['web', 'api', 'db'];
const PODS_PER_NAMESPACE = 50;
const REPLICAS = 5;

/** `pods` application pods (plus a DNS and a Prometheus pod) and `policies` policies; the same arguments always give the same objects. */
export function generateCluster(podCount: number, policyCount: number): GeneratedCluster {
  const nsCount = Math.max(2, Math.ceil(podCount / PODS_PER_NAMESPACE));
  const nsName = (i: number) => `team-${i}`;
  const namespaces: Json[] = [
    namespace('kube-system', {}),
    namespace('monitoring', { purpose: 'monitoring' }),
    ...Array.from({ length: nsCount }, (_, i) => namespace(nsName(i), { team: `t${i % 10}`, env: i % 3 === 0 ? 'prod' : 'dev' })),
  ];
  const pods: Json[] = [
    systemPod('kube-system', 'coredns-0', { 'k8s-app': 'kube-dns' }, '10.255.0.2', [{ name: 'dns', containerPort: 53, protocol: 'UDP' }]),
    systemPod('monitoring', 'prometheus-0', { app: 'prometheus' }, '10.255.1.2', [{ name: 'web', containerPort: 9090 }]),
  ];
  for (let p = 0; p < podCount; p++) {
    const ns = p % nsCount;
    const slot = Math.floor(p / nsCount);
    const app = Math.floor(slot / REPLICAS) % (PODS_PER_NAMESPACE / REPLICAS);
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `app-${app}-${slot}`, namespace: nsName(ns), labels: { app: `app-${app}`, tier: TIERS[app % 3], team: `t${ns % 10}` } },
      spec: { containers: [{ name: 'main', image: 'app:1', ports: [{ name: 'http', containerPort: 8080 + (app % 2) }, { name: 'metrics', containerPort: 9090 }] }] },
      status: { podIP: `10.${(p >> 16) & 255}.${(p >> 8) & 255}.${p & 255}` },
    });
  }
  const policies: Json[] = [];
  for (let i = 0; i < policyCount; i++) {
    const ns = nsName(i % nsCount);
    const k = Math.floor(i / nsCount);
    policies.push(policy(`p-${i}`, ns, shape(i, k, nsCount)));
  }
  return { namespaces, pods, policies };
}

function shape(i: number, k: number, nsCount: number): Json {
  const app = (n: number) => ({ matchLabels: { app: `app-${n % 10}` } });
  switch (i % 8) {
    case 0: // default deny, both directions
      return { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
    case 1: // DNS egress to kube-dns
      return {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        }],
      };
    case 2: // app-to-app in the namespace
      return { podSelector: app(k + 1), policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: app(k) }], ports: [{ protocol: 'TCP', port: 8080 }] }] };
    case 3: // web tier of a team's namespaces -> api tier, named port
      return {
        podSelector: { matchLabels: { tier: 'api' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: `t${k % 10}` } }, podSelector: { matchLabels: { tier: 'web' } } }], ports: [{ port: 'http' }] }],
      };
    case 4: // monitoring scrape
      return { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } } }], ports: [{ port: 'metrics' }] }] };
    case 5: // internet egress except the pod network
      return { podSelector: app(k), policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ protocol: 'TCP', port: 443 }] }] };
    case 6: // everything but the db tier may reach app k on a port range
      return {
        podSelector: app(k + 3),
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] } }], ports: [{ protocol: 'TCP', port: 8000, endPort: 8100 }] }],
      };
    default: // egress to another team's api
      return {
        podSelector: { matchLabels: { tier: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': `team-${(k + 1) % nsCount}` } }, podSelector: { matchLabels: { tier: 'api' } } }] }],
      };
  }
}

function systemPod(namespace: string, name: string, labels: { [key: string]: string }, ip: string, ports: Json[]): Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name: 'main', image: 'sys:1', ports }] }, status: { podIP: ip } };
}

function namespace(name: string, labels: { [key: string]: string }): Json {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

function policy(name: string, namespace: string, spec: Json): Json {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}
