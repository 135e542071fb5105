import { CnpSpec } from '../dialects/cluster-network-policy/model';
import { IpBlockPeer, PolicySpec } from '../model';
import { ipInCidr, parseCidr } from '../model/validation';
import { ipBlockMatches } from './semantics';
import { Labels, Subject } from './subject';

// Endpoints that no NetworkPolicy rule can tell apart share one class, so the matrix costs
// grow with distinct classes rather than endpoints squared. What the rules can see of an
// endpoint: pod or external, hostNetwork, its namespace (name and labels), its labels, the
// ipBlocks its IPs fall in, and the named container ports that policies mention.

export interface EndpointClasses {
  /** One representative endpoint per class. */
  readonly reps: Subject[];
  /** Class id of each input endpoint. */
  readonly classOf: Int32Array;
  /** Number of endpoints in each class. */
  readonly sizes: number[];
}

export function labelsKey(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  keys.sort();
  let out = '';
  for (const k of keys) out += `${k}\u0000${labels[k]}\u0001`;
  return out;
}

/** Every distinct ipBlock peer of the policies (by cidr and except). */
function distinctBlocks(policies: PolicySpec[]): IpBlockPeer[] {
  const blocks = new Map<string, IpBlockPeer>();
  for (const p of policies) {
    for (const rule of [...p.ingress, ...p.egress]) {
      for (const peer of rule.peers) {
        if (peer instanceof IpBlockPeer) {
          const key = `${peer.cidr}|${peer.except.join(',')}`;
          if (!blocks.has(key)) blocks.set(key, peer);
        }
      }
    }
  }
  return [...blocks.values()];
}

/** Names of the named ports any policy mentions. */
function portNames(policies: PolicySpec[]): Set<string> {
  const names = new Set<string>();
  for (const p of policies) {
    for (const rule of [...p.ingress, ...p.egress]) {
      for (const port of rule.ports) if (port.name !== undefined) names.add(port.name);
    }
  }
  return names;
}

export function buildClasses(subjects: Subject[], policies: PolicySpec[], clusterPolicies: CnpSpec[] = []): EndpointClasses {
  const blocks = distinctBlocks(policies);
  const names = portNames(policies);
  // Cluster policies see networks (CIDRs) and named ports too.
  const networks = [...new Set(clusterPolicies.flatMap((p) => [...p.ingress, ...p.egress].flatMap((r) => r.peers.flatMap((x) => (x.kind === 'networks' ? x.cidrs : [])))))]
    .map((c) => parseCidr(c)).filter((c): c is NonNullable<typeof c> => c !== undefined);
  for (const p of clusterPolicies) for (const r of [...p.ingress, ...p.egress]) for (const port of r.ports ?? []) if (port.kind === 'named') names.add(port.name);
  // Class ids by namespace first (a short key for the rest: hashing long strings dominates).
  const idsByNamespace = new Map<string, Map<string, number>>();
  const reps: Subject[] = [];
  const sizes: number[] = [];
  const classOf = new Int32Array(subjects.length);
  const nsKeys = new Map<string, string>();
  subjects.forEach((s, i) => {
    let sig = '';
    if (s.ips.length > 0) {
      for (let b = 0; b < blocks.length; b++) if (ipBlockMatches(blocks[b], s)) sig += `${b},`;
      for (let n = 0; n < networks.length; n++) if (s.ips.some((ip) => ipInCidr(ip, networks[n]))) sig += `n${n},`;
    }
    let ports = '';
    if (names.size > 0) {
      const named = s.containerPorts.filter((c) => c.name !== undefined && names.has(c.name));
      ports = named.map((c) => `${c.name}/${c.protocol}/${c.port}`).sort().join(',');
    }
    let key: string;
    let ns = '';
    if (!s.isPod) key = `E|${sig}`;
    else if (s.hostNetwork) key = `H|${ports}|${sig}`;
    else {
      let nsKey = nsKeys.get(s.namespace!);
      if (nsKey === undefined) {
        nsKey = `P|${s.namespace}\u0002${labelsKey(s.namespaceLabels)}`;
        nsKeys.set(s.namespace!, nsKey);
      }
      ns = nsKey;
      key = `${labelsKey(s.labels)}|${ports}|${sig}`;
    }
    let ids = idsByNamespace.get(ns);
    if (ids === undefined) idsByNamespace.set(ns, (ids = new Map()));
    let id = ids.get(key);
    if (id === undefined) {
      id = reps.length;
      ids.set(key, id);
      reps.push(s);
      sizes.push(0);
    }
    classOf[i] = id;
    sizes[id]++;
  });
  return { reps, classOf, sizes };
}
