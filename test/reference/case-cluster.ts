import { Cluster } from '../../lib/analysis';
import { Severity } from '../../lib/model';

/**
 * A truth-table case's cluster: namespaces with labels, pods with labels, IP and named ports
 * (optionally hostNetwork and the node they run on).
 */
export interface CaseCluster {
  readonly namespaces: { [name: string]: { [key: string]: string } };
  readonly pods: Array<{ namespace: string; name: string; labels?: { [key: string]: string }; ip?: string; hostNetwork?: boolean; node?: string; ports?: Array<{ name?: string; port: number; protocol?: string }> }>;
}

/**
 * The case as the Kubernetes objects a user would feed the CLI (Namespaces, Pods with
 * status.podIP, the case's policies of any kind: NetworkPolicy, ClusterNetworkPolicy,
 * AdminNetworkPolicy, BaselineAdminNetworkPolicy), read by the manifest reader. A case whose
 * objects do not read cleanly is a broken case: the errors are thrown.
 */
export function clusterOfCase(cluster: CaseCluster, policies: unknown[]): Cluster {
  const objects = [
    ...Object.entries(cluster.namespaces).map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } })),
    ...cluster.pods.map((p) => ({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace, ...(p.labels ? { labels: p.labels } : {}) },
      spec: { ...(p.hostNetwork ? { hostNetwork: true } : {}), ...(p.node ? { nodeName: p.node } : {}), containers: [{ name: 'main', image: 'app', ports: (p.ports ?? []).map((c) => ({ ...(c.name ? { name: c.name } : {}), containerPort: c.port, ...(c.protocol ? { protocol: c.protocol } : {}) })) }] },
      ...(p.ip ? { status: { podIP: p.ip } } : {}),
    })),
    ...policies,
  ];
  const built = Cluster.fromManifests(objects);
  const errors = built.issues.filter((i) => i.severity === Severity.ERROR);
  if (errors.length > 0) throw new Error(`the case does not read cleanly:\n${errors.map((i) => `  ${i.object ?? ''} ${i.field ?? ''}: ${i.message}`).join('\n')}`);
  return built;
}
