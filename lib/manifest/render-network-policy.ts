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
  const labels = sortedOrNone(spec.labels);
  if (labels) metadata.labels = labels;
  const annotations = sortedOrNone(spec.annotations);
  if (annotations) metadata.annotations = annotations;
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec: renderPolicyBody(spec) };
}

/** The `spec` of the rendered NetworkPolicy. */
export function renderPolicyBody(spec: PolicySpec): { [key: string]: unknown } {
  const body: { [key: string]: unknown } = {
    podSelector: spec.podSelector.toJson(),
    policyTypes: [...spec.policyTypes],
  };
  if (spec.ingress.length > 0) body.ingress = spec.ingress.map((r) => r.toJson('from'));
  if (spec.egress.length > 0) body.egress = spec.egress.map((r) => r.toJson('to'));
  return body;
}

/** A copy with keys sorted, or undefined when the map is empty. */
export function sortedOrNone(map: { [key: string]: string }): { [key: string]: string } | undefined {
  const keys = Object.keys(map);
  if (keys.length === 0) return undefined;
  const out: { [key: string]: string } = {};
  for (const k of keys.sort()) out[k] = map[k];
  return out;
}
