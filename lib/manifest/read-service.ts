import { ServiceInfo, ServicePortInfo } from './read-types';

// A Service -> what resolving its ClusterIP needs (docs/semantics.md rule 36): selector, ClusterIPs,
// ports with their targetPorts. Never throws; malformed parts are left out.

type Json = { [key: string]: unknown };

const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** Reads a Service of `namespace` (already resolved). */
export function readService(json: Json, namespace: string): ServiceInfo {
  const spec = obj(json.spec);
  const name = String(obj(json.metadata).name ?? '');
  // An empty selector is no selector: "If empty or not present, the service is assumed to have an
  // external process managing its endpoints" (ServiceSpec.selector).
  const raw = Object.entries(obj(spec.selector)).filter(([, v]) => typeof v === 'string') as Array<[string, string]>;
  const ips = [spec.clusterIP, ...(Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [])]
    .filter((ip): ip is string => typeof ip === 'string' && ip !== '' && ip !== 'None');
  const ports: ServicePortInfo[] = [];
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
    const port = obj(p);
    if (typeof port.port !== 'number') continue;
    const target = typeof port.targetPort === 'number' || typeof port.targetPort === 'string' ? port.targetPort : undefined;
    ports.push({
      port: port.port,
      ...(typeof port.name === 'string' ? { name: port.name } : {}),
      ...(target !== undefined ? { targetPort: target } : {}),
      ...(typeof port.protocol === 'string' ? { protocol: port.protocol } : {}),
    });
  }
  return { namespace, name, ...(raw.length > 0 ? { selector: Object.fromEntries(raw) } : {}), clusterIPs: [...new Set(ips)], ports };
}
