import { parseCidr } from '../../lib/model/validation';

// What "the same structure" means for an imported policy: the NetworkPolicy JSON with the API
// server's defaulting applied and the differences that carry no meaning removed. Every rule here
// restates docs/semantics.md; nothing else is forgiven.

type J = { [k: string]: any };

/** Audit metadata the pattern constructs add (lib/patterns/audit.ts). */
export const AUDIT_LABELS = ['app.kubernetes.io/managed-by', 'netpol.cdk8s.io/pattern'];
export const AUDIT_ANNOTATIONS = ['netpol.cdk8s.io/intent'];

function selector(s: J | null | undefined): J {
  const out: J = {};
  if (s?.matchLabels && Object.keys(s.matchLabels).length > 0) out.matchLabels = s.matchLabels;
  if (s?.matchExpressions && s.matchExpressions.length > 0) out.matchExpressions = s.matchExpressions;
  return out;
}

function peer(p: J): J {
  if (p.ipBlock) {
    // Rule 24: a CIDR with host bits set is read as its network.
    const c = (t: string) => parseCidr(t)?.canonical ?? t;
    const except = (p.ipBlock.except ?? []).map(c);
    return { ipBlock: except.length > 0 ? { cidr: c(p.ipBlock.cidr), except } : { cidr: c(p.ipBlock.cidr) } };
  }
  const out: J = {};
  if (p.namespaceSelector) out.namespaceSelector = selector(p.namespaceSelector);
  // Rules 17/18: an empty podSelector beside a namespaceSelector selects every pod there, as none does.
  const pods = p.podSelector ? selector(p.podSelector) : undefined;
  if (pods && !(out.namespaceSelector && Object.keys(pods).length === 0)) out.podSelector = pods;
  return out;
}

function rule(r: J, key: 'from' | 'to'): J {
  const out: J = {};
  // Rule 13: a missing or empty peer list is every peer; rule 14 the same for ports.
  if (r[key]?.length) out[key] = r[key].map(peer);
  // Rule 26: protocol defaults to TCP.
  if (r.ports?.length) {
    out.ports = r.ports.map((p: J) => ({
      protocol: p.protocol ?? 'TCP',
      ...(p.port !== undefined ? { port: p.port } : {}),
      ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
    }));
  }
  return out;
}

/** Annotations a pattern may add besides the intent: its lint suppressions, each with a reason. */
export const SUPPRESS_PREFIX = 'suppress.netpol.cdk8s.io/';

/**
 * The normalized NetworkPolicy: name, namespace, labels, annotations and spec. With `original`,
 * the audit metadata and suppressions a pattern construct adds (keys the original lacks) are left out.
 */
export function normalizePolicy(np: J, original?: J): J {
  const spec = np.spec ?? {};
  const ingress = (spec.ingress ?? []).map((r: J) => rule(r, 'from'));
  const egress = (spec.egress ?? []).map((r: J) => rule(r, 'to'));
  // Rule 5: empty or missing policyTypes is Ingress, plus Egress when there are egress rules.
  let types: string[] = spec.policyTypes?.length ? spec.policyTypes : ['Ingress', ...(egress.length > 0 ? ['Egress'] : [])];
  types = ['Ingress', 'Egress'].filter((t) => types.includes(t));
  const strip = (m: J | undefined, had: J | undefined, added: (k: string) => boolean) =>
    Object.fromEntries(Object.entries(m ?? {}).filter(([k]) => !(original && added(k) && !(k in (had ?? {})))));
  return sortKeys({
    name: np.metadata?.name,
    namespace: np.metadata?.namespace ?? 'default',
    labels: strip(np.metadata?.labels, original?.metadata?.labels, (k) => AUDIT_LABELS.includes(k)),
    annotations: strip(np.metadata?.annotations, original?.metadata?.annotations, (k) => AUDIT_ANNOTATIONS.includes(k) || k.startsWith(SUPPRESS_PREFIX)),
    spec: {
      podSelector: selector(spec.podSelector),
      policyTypes: types,
      ...(ingress.length > 0 ? { ingress } : {}),
      ...(egress.length > 0 ? { egress } : {}),
    },
  });
}

/** A copy with object keys sorted, for order-free comparison. */
export function sortKeys(v: any): any {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}
