import { Analyzer, Cluster, WorkloadInfo } from '../../lib/analysis';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { Protocol } from '../../lib/model';

// A small cluster for rule-by-rule tests: namespaces x (env=prod), y (env=dev), z (no labels).
export const WORKLOADS: WorkloadInfo[] = [
  { namespace: 'x', name: 'a', labels: { app: 'a', tier: 'web' }, ips: ['10.0.0.1'], containerPorts: [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: Protocol.UDP }] },
  { namespace: 'x', name: 'b', labels: { app: 'b' }, ips: ['10.0.0.2'], containerPorts: [{ name: 'http', port: 8080, protocol: Protocol.TCP }] },
  { namespace: 'y', name: 'a', labels: { app: 'a' }, ips: ['10.0.1.1'] },
  { namespace: 'y', name: 'b', labels: { app: 'b', tier: 'db' }, ips: ['10.0.1.2', 'fd00::12'] },
  { namespace: 'z', name: 'c', labels: { app: 'c' }, ips: ['10.0.2.1'], containerPorts: [{ name: 'http', port: 80, protocol: Protocol.SCTP }] },
  { namespace: 'z', name: 'tmpl', kind: 'Deployment', labels: { app: 't' } },
  { namespace: 'x', name: 'host', labels: { app: 'a' }, ips: ['192.168.1.10'], hostNetwork: true, containerPorts: [{ name: 'http', port: 9100 }] },
];

/** Raw NetworkPolicy JSON, as written in YAML. */
export function np(namespace: string, name: string, spec: Record<string, unknown>): unknown {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

export function analyzerFor(policies: unknown[], workloads: WorkloadInfo[] = WORKLOADS): Analyzer {
  return Analyzer.of(Cluster.of({
    namespaces: [{ name: 'x', labels: { env: 'prod' } }, { name: 'y', labels: { env: 'dev' } }, { name: 'z' }],
    workloads,
    policies: policies.map((p) => {
      const parsed = parseNetworkPolicy(p);
      if (!parsed.spec) throw new Error(JSON.stringify(parsed.issues));
      return parsed.spec;
    }),
    externals: ['203.0.113.5', '2001:db8::5'],
  }));
}
