import { Protocol } from '../model';
import { ServiceInfo } from '../manifest/read-types';
import { Cluster } from './cluster';
import { Subject } from './subject';

// Rule 36: NetworkPolicy sees the pod IPs and container (target) ports after Service translation,
// so a connection to a ClusterIP is evaluated on each backend pod and its targetPort. Where the
// input does not say which pods are behind it, the answer is a clear refusal, never "external".

/** One backend of a Service port. */
export interface ServiceBackend {
  readonly backend: Subject;
  readonly targetPort: number;
  readonly note: string;
}

const labelsText = (m: { [key: string]: string }) => Object.entries(m).map(([k, v]) => `${k}=${v}`).join(',');

/**
 * The backends of `svc` for a connection to `address:port/protocol`, port mapped to targetPort
 * (a named targetPort resolved on each pod; pods without that port receive nothing for it).
 * @throws Error naming the Service when the backends or the port cannot be known
 */
export function resolveService(cluster: Cluster, svc: ServiceInfo, address: string, port: number, protocol: Protocol): ServiceBackend[] {
  const id = `${svc.namespace}/${svc.name}`;
  const where = `${address} is the ClusterIP of Service ${id}`;
  if (!svc.selector) {
    throw new Error(`${where}, which has no selector: its endpoints are managed outside Kubernetes selectors and are not in the input, so the pods behind it are unknown; `
      + 'NetworkPolicy applies to those pods (or addresses), so explain the connection to one of them');
  }
  const sp = svc.ports.find((p) => p.port === port && (p.protocol ?? Protocol.TCP) === protocol);
  if (!sp) {
    throw new Error(`${where}, which does not expose ${port}/${protocol} (its ports: ${svc.ports.map((p) => `${p.port}/${p.protocol ?? Protocol.TCP}`).join(', ') || 'none'})`);
  }
  const pods = cluster._backends(svc);
  const sel = labelsText(svc.selector);
  if (pods.length === 0) {
    throw new Error(`${where}, whose selector ${sel} matches no pod or workload of namespace ${svc.namespace} in the input, so the pods behind it are unknown; `
      + `give their manifests, or explain the connection to an assumed pod: "${svc.namespace}:${sel}"`);
  }
  const out: ServiceBackend[] = [];
  for (const backend of pods) {
    const target = sp.targetPort ?? sp.port;
    // A named targetPort is looked up among the pod's container ports, with the port's protocol.
    const number = typeof target === 'number' ? target : backend.containerPorts.find((c) => c.name === target && c.protocol === protocol)?.port;
    if (number === undefined) continue;
    out.push({
      backend, targetPort: number,
      note: `${address}:${port}/${protocol} is Service ${id}: it goes to ${backend.id} on targetPort ${typeof target === 'string' ? `${target} = ` : ''}${number}; `
        + 'NetworkPolicy sees the pod and its target port (rule 36)',
    });
  }
  if (out.length === 0) {
    throw new Error(`${where}: its targetPort ${JSON.stringify(sp.targetPort)} is a named port that none of its pods (${pods.map((p) => p.id).join(', ')}) declares for ${protocol}, so the Service sends them nothing`);
  }
  return out;
}
