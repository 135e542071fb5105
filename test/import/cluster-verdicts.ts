import { Analyzer, Cluster } from '../../lib/analysis';
import { Protocol } from '../../lib/model';
import { EXTERNALS, FLOW_PORTS } from '../property/arb-cluster';
import { RefCluster } from '../reference/reference-evaluator';

// Shared by the import round trips: a random cluster as manifests, and the verdict on every flow
// of the property tests' ports and external addresses, to compare imported policies with the input.

/** The cluster's Namespaces and Pods (with IPs and container ports) as Kubernetes objects. */
export function clusterObjects(c: RefCluster): unknown[] {
  return [
    ...Object.entries(c.namespaces).map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } })),
    ...c.pods.map((p) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: p.name, namespace: p.namespace, labels: p.labels ?? {} },
      spec: { containers: [{ name: 'c', image: 'i', ports: (p.ports ?? []).map((x) => ({ ...(x.name ? { name: x.name } : {}), containerPort: x.port, protocol: x.protocol ?? 'TCP' })) }] },
      status: { podIP: p.ip, podIPs: [{ ip: p.ip }] },
    })),
  ];
}

/** Every flow's verdict among the objects, on the property tests' ports and externals. */
export const verdictMatrix = (objects: unknown[]) => Analyzer.of(Cluster.fromManifests(objects))
  .matrix({ ports: FLOW_PORTS.map((p) => ({ port: p.port, protocol: p.protocol as Protocol })), externals: EXTERNALS })
  .entries();
