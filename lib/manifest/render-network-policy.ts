import { PolicySpec } from '../model';

/** A networking.k8s.io/v1 NetworkPolicy object as plain JSON. */
export interface NetworkPolicyJson {
  readonly apiVersion: 'networking.k8s.io/v1';
  readonly kind: 'NetworkPolicy';
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels?: { [key: string]: string };
    readonly annotations?: { [key: string]: string };
  };
  readonly spec: { [key: string]: unknown };
}

/**
 * Renders a PolicySpec as a NetworkPolicy: policyTypes always explicit, empty lists omitted,
 * namespace always set, label/annotation keys sorted, so the output is byte-for-byte deterministic.
 * An empty rule list for a listed direction is omitted (a deny-all for that direction).
 */
export function renderNetworkPolicy(spec: PolicySpec): NetworkPolicyJson {
  const metadata: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> } = {
    name: spec.name,
    namespace: spec.namespace,
  };
  if (Object.keys(spec.labels).length > 0) metadata.labels = sorted(spec.labels);
  if (Object.keys(spec.annotations).length > 0) metadata.annotations = sorted(spec.annotations);
  const body: { [key: string]: unknown } = {
    podSelector: spec.podSelector.toJson(),
    policyTypes: [...spec.policyTypes],
  };
  if (spec.ingress.length > 0) body.ingress = spec.ingress.map((r) => r.toJson('from'));
  if (spec.egress.length > 0) body.egress = spec.egress.map((r) => r.toJson('to'));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec: body };
}

function sorted(map: { [key: string]: string }): { [key: string]: string } {
  return Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]]));
}
