import * as ipaddr from 'ipaddr.js';

// A deliberately simple NetworkPolicy evaluator, used only by tests as a second opinion on the
// analyzer. It reads raw networking.k8s.io/v1 JSON and decides ONE connection at a time by
// walking every policy and every rule (pairwise, no classes, no caching, no indexes), written
// straight from ../shared/oracle/SEMANTICS.md. Its own correctness is proven on every oracle case
// (reference-evaluator.test.ts) before it is used as a yardstick.

/** A cluster in the oracle's case format. */
export interface RefCluster {
  /** Namespace name -> labels (the automatic name label may be missing: rule 20). */
  readonly namespaces: { [name: string]: { [key: string]: string } };
  readonly pods: RefPod[];
}

export interface RefPod {
  readonly namespace: string;
  readonly name: string;
  readonly labels?: { [key: string]: string };
  readonly ip?: string;
  readonly ports?: Array<{ name?: string; port: number; protocol?: string }>;
}

/** `namespace/name` of a pod, or an IP outside the pod network. */
export type RefEndpoint = string | { ip: string };

export interface RefConnection {
  readonly from: RefEndpoint;
  readonly to: RefEndpoint;
  readonly port: number;
  readonly protocol: string;
}

type Json = { [key: string]: any };

const NAME_LABEL = 'kubernetes.io/metadata.name';

/** Whether the connection is allowed (SEMANTICS.md rules 1-32; rule 33: a pod may reach itself). */
export function referenceAllowed(cluster: RefCluster, policies: Json[], c: RefConnection): boolean {
  const src = findPod(cluster, c.from);
  const dst = findPod(cluster, c.to);
  if (src && dst && src === dst) return true; // rule 33 (loopback exemption, our choice)
  // Rule 10: both ends must agree; rule 11: an external end has no policies.
  const egressOk = src ? directionAllows(cluster, policies, 'Egress', src, c) : true;
  const ingressOk = dst ? directionAllows(cluster, policies, 'Ingress', dst, c) : true;
  return egressOk && ingressOk;
}

function findPod(cluster: RefCluster, e: RefEndpoint): RefPod | undefined {
  if (typeof e !== 'string') return undefined; // external IPs are never subjects (rule 11)
  const pod = cluster.pods.find((p) => `${p.namespace}/${p.name}` === e);
  if (!pod) throw new Error(`reference: unknown pod ${e}`);
  return pod;
}

/** Rules 2, 7, 9: open unless some policy isolates `subject` this way; then some rule must allow. */
function directionAllows(cluster: RefCluster, policies: Json[], direction: 'Ingress' | 'Egress', subject: RefPod, c: RefConnection): boolean {
  let isolated = false;
  for (const policy of policies) {
    const namespace = policyNamespace(policy);
    const spec: Json = policy.spec ?? {};
    if (subject.namespace !== namespace) continue; // rule 3
    if (!selectorMatches(spec.podSelector ?? {}, subject.labels ?? {})) continue; // rules 4, 8
    if (!effectivePolicyTypes(spec).includes(direction)) continue; // rules 5, 6
    isolated = true;
    const rules: Json[] = (direction === 'Ingress' ? spec.ingress : spec.egress) ?? [];
    for (const rule of rules) {
      const peers: Json[] = (direction === 'Ingress' ? rule.from : rule.to) ?? [];
      const remote = direction === 'Ingress' ? c.from : c.to;
      const destination = direction === 'Ingress' ? subject : findPod(cluster, c.to);
      // Rule 12: peers AND ports; rules 13, 14: missing or empty = everything; rule 15: OR.
      const peerOk = peers.length === 0 || peers.some((p) => peerMatches(cluster, namespace, p, remote));
      const ports: Json[] = rule.ports ?? [];
      const portOk = ports.length === 0 || ports.some((p) => portMatches(p, c, destination));
      if (peerOk && portOk) return true;
    }
  }
  return !isolated; // rule 1
}

/** Rule 38: a policy without a namespace lands in `default`. */
function policyNamespace(policy: Json): string {
  return policy.metadata?.namespace ?? 'default';
}

/** Rule 5: written policyTypes if non-empty, else Ingress plus Egress iff egress rules exist. */
function effectivePolicyTypes(spec: Json): string[] {
  const written: string[] = spec.policyTypes ?? [];
  if (written.length > 0) return written;
  return (spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Rules 16-18 (selectors, pods only) and 21-25 (ipBlock, any endpoint with an IP). */
function peerMatches(cluster: RefCluster, policyNs: string, peer: Json, endpoint: RefEndpoint): boolean {
  const pod = findPod(cluster, endpoint);
  if (peer.ipBlock) {
    const ip = pod ? pod.ip : (endpoint as { ip: string }).ip;
    return ip !== undefined && ipBlockMatches(peer.ipBlock, ip); // rule 22: pod IPs too
  }
  if (!peer.podSelector && !peer.namespaceSelector) throw new Error('reference: empty peer (invalid)');
  if (!pod) return false; // rules 17, 18: selectors never match external IPs
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector, namespaceLabels(cluster, pod.namespace))) return false;
  } else if (pod.namespace !== policyNs) {
    return false; // rule 16: podSelector alone = the policy's own namespace
  }
  return peer.podSelector ? selectorMatches(peer.podSelector, pod.labels ?? {}) : true;
}

/** Rule 20: every namespace carries its name label. */
function namespaceLabels(cluster: RefCluster, name: string): { [key: string]: string } {
  return { ...(cluster.namespaces[name] ?? {}), [NAME_LABEL]: name };
}

/** Rule 19: apimachinery label selector semantics. */
function selectorMatches(selector: Json, labels: { [key: string]: string }): boolean {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (!has(k) || labels[k] !== v) return false;
  }
  for (const e of (selector.matchExpressions ?? []) as Json[]) {
    const values: string[] = e.values ?? [];
    if (e.operator === 'In' && !(has(e.key) && values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has(e.key) && values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has(e.key)) return false;
    if (e.operator === 'DoesNotExist' && has(e.key)) return false;
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) throw new Error(`reference: bad operator ${e.operator}`);
  }
  return true;
}

/** Rules 21, 23 (except), 24 (host bits ignored), 25 (families never mix). */
function ipBlockMatches(block: Json, ipText: string): boolean {
  const ip = ipaddr.parse(ipText);
  const inside = (cidr: string) => {
    const [net, bits] = ipaddr.parseCIDR(cidr);
    return net.kind() === ip.kind() && ip.match(net, bits);
  };
  return inside(block.cidr) && !((block.except ?? []) as string[]).some(inside);
}

/** Rules 26-32: protocol (default TCP), all ports, numbers, ranges, named ports on the destination. */
function portMatches(entry: Json, c: RefConnection, destination: RefPod | undefined): boolean {
  const protocol = entry.protocol ?? 'TCP';
  if (protocol !== c.protocol) return false;
  if (entry.port === undefined) return true; // rule 27
  if (typeof entry.port === 'number') return c.port >= entry.port && c.port <= (entry.endPort ?? entry.port);
  if (!destination) return false; // rule 31
  return (destination.ports ?? []).some(
    (cp) => cp.name === entry.port && (cp.protocol ?? 'TCP') === protocol && cp.port === c.port, // rule 30
  );
}
