import { IpBlockPeer, LabelSelector, Peer, PolicySpec, PolicyType, Protocol, Rule, SelectorPeer } from '../model';
import { Bits, allBits, bitsAllocator, hasBit, orAndInto, orInto, setBit } from './bitset';
import { EndpointClasses, buildClasses } from './equivalence-classes';
import { matchingPort, peerMatches, policyGoverns, policySelects, portsDependOnDestination, rulesOf } from './semantics';
import { Labels, Subject } from './subject';

// The reachability matrix over equivalence classes. Per class and port: the set of classes its
// egress rules allow as destinations, and the set of classes its ingress rules allow as sources.
// Every decision goes through the predicates of semantics.ts; this file only decides which
// endpoints to ask about (candidates narrowed by namespace and matchLabels) and caches answers.

export interface ComputedMatrix {
  readonly classes: EndpointClasses;
  readonly ingressIsolated: Uint8Array;
  readonly egressIsolated: Uint8Array;
  /** [port index][class] -> allowed source classes (only for ingress-isolated classes). */
  readonly ingress: Array<Array<Bits | undefined>>;
  /** [port index][class] -> allowed destination classes (only for egress-isolated classes). */
  readonly egress: Array<Array<Bits | undefined>>;
}

class ClassIndex {
  public readonly size: number;
  private readonly byNamespace = new Map<string, number[]>();
  /** Classes by namespace and label pair. */
  private readonly byLabel = new Map<string, number[]>();
  private readonly namespaceLabels = new Map<string, Labels>();
  private readonly namespaceMatches = new Map<string, string[]>();
  private byNamespaceLabel?: Map<string, string[]>;

  public constructor(public readonly reps: Subject[]) {
    this.size = reps.length;
    reps.forEach((s, c) => {
      if (!s.isPod || s.hostNetwork) return; // never selected nor matched by selectors (rules 11, 17, 35)
      push(this.byNamespace, s.namespace!, c);
      this.namespaceLabels.set(s.namespace!, s.namespaceLabels);
      for (const [k, v] of Object.entries(s.labels)) push(this.byLabel, `${s.namespace}\u0000${k}\u0000${v}`, c);
    });
  }

  /** Namespaces (that hold pods) whose labels the selector matches. */
  public namespacesMatching(selector: LabelSelector): string[] {
    const key = selectorKey(selector);
    let out = this.namespaceMatches.get(key);
    if (!out) {
      // Only namespaces carrying one of its matchLabels pairs can match (the pair held by fewest).
      let pool: string[] | undefined;
      for (const [k, v] of Object.entries(selector.matchLabels)) {
        const list = this.namespacesWith().get(`${k}\u0000${v}`) ?? [];
        if (pool === undefined || list.length < pool.length) pool = list;
      }
      out = (pool ?? [...this.namespaceLabels.keys()]).filter((n) => selector.matches(this.namespaceLabels.get(n) as { [key: string]: string }));
      this.namespaceMatches.set(key, out);
    }
    return out;
  }

  /** Namespaces (that hold pods) by label pair, in the order of `namespaceLabels`. Built once. */
  private namespacesWith(): Map<string, string[]> {
    if (this.byNamespaceLabel) return this.byNamespaceLabel;
    const index = new Map<string, string[]>();
    for (const [n, labels] of this.namespaceLabels) for (const [k, v] of Object.entries(labels)) push(index, `${k}\u0000${v}`, n);
    return (this.byNamespaceLabel = index);
  }

  /**
   * Classes in `namespaces` that could match `selector`: a superset, narrowed by one of its
   * matchLabels pairs (which every match must carry). Callers decide with semantics.ts.
   */
  public candidates(selector: LabelSelector | undefined, namespaces: string[]): number[] {
    const pairs = selector ? Object.entries(selector.matchLabels) : [];
    if (pairs.length === 0) return namespaces.flatMap((n) => this.byNamespace.get(n) ?? []);
    const out: number[] = [];
    for (const n of namespaces) {
      let best: number[] | undefined = this.byNamespace.get(n);
      for (const [k, v] of pairs) {
        if (best === undefined || best.length === 0) break;
        const list = this.byLabel.get(`${n}\u0000${k}\u0000${v}`) ?? NONE;
        if (list.length < best.length) best = list;
      }
      if (best) for (const c of best) out.push(c);
    }
    return out;
  }
}

const NONE: number[] = [];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A key equal for selectors that select alike as written (same labels, same expressions). */
function selectorKey(s: LabelSelector): string {
  if (s.matchExpressions.length > 0) return JSON.stringify(s.toJson());
  // matchLabels only (most selectors): keyed without building the JSON objects.
  const keys = Object.keys(s.matchLabels);
  if (keys.length === 0) return '{}';
  let key = 'L';
  for (const k of keys.sort()) key += `${JSON.stringify(k)}:${JSON.stringify(s.matchLabels[k])},`;
  return key;
}

export function computeMatrix(subjects: Subject[], policies: PolicySpec[], ports: Array<{ port: number; protocol: Protocol }>): ComputedMatrix {
  const classes = buildClasses(subjects, policies);
  const index = new ClassIndex(classes.reps);
  const C = index.size;
  const alloc = bitsAllocator(C);
  const reps = classes.reps;

  // Which classes each policy selects, once per policy (cached by namespace and selector).
  const ingressPolicies: number[][] = reps.map(() => []);
  const egressPolicies: number[][] = reps.map(() => []);
  const selectionCache = new Map<string, number[]>();
  policies.forEach((policy, pi) => {
    const key = `${policy.namespace}\u0000${selectorKey(policy.podSelector)}`;
    let selected = selectionCache.get(key);
    if (!selected) {
      selected = index.candidates(policy.podSelector, [policy.namespace]).filter((c) => policySelects(policy, reps[c]));
      selectionCache.set(key, selected);
    }
    const ingress = policyGoverns(policy, PolicyType.INGRESS);
    const egress = policyGoverns(policy, PolicyType.EGRESS);
    for (const c of selected) {
      if (ingress) ingressPolicies[c].push(pi);
      if (egress) egressPolicies[c].push(pi);
    }
  });

  // The classes each peer matches, cached by what the peer depends on.
  const peerCache = new Map<string, Bits>();
  const everything = allBits(C);
  const peerBits = (peer: Peer, namespace: string): Bits => {
    let key: string;
    let candidates: () => number[];
    if (peer instanceof IpBlockPeer) {
      key = `B|${peer.cidr}|${peer.except.join(',')}`;
      candidates = () => reps.map((_, c) => c);
    } else {
      const p = peer as SelectorPeer;
      const nsPart = p.namespaceSelector ? `N${selectorKey(p.namespaceSelector)}` : `O${namespace}`;
      key = `S|${nsPart}|${p.podSelector ? selectorKey(p.podSelector) : '*'}`;
      candidates = () => index.candidates(p.podSelector, p.namespaceSelector ? index.namespacesMatching(p.namespaceSelector) : [namespace]);
    }
    let bits = peerCache.get(key);
    if (!bits) {
      bits = alloc();
      for (const c of candidates()) if (peerMatches(peer, namespace, reps[c])) setBit(bits, c);
      peerCache.set(key, bits);
    }
    return bits;
  };
  const ruleCache = new Map<Rule, Map<string, Bits>>();
  const ruleBits = (rule: Rule, namespace: string): Bits => {
    let byNs = ruleCache.get(rule);
    if (!byNs) ruleCache.set(rule, (byNs = new Map()));
    let bits = byNs.get(namespace);
    if (!bits) {
      if (rule.peers.length === 0) bits = everything; // rule 13: every peer
      else if (rule.peers.length === 1) bits = peerBits(rule.peers[0], namespace); // shared: bit sets are never changed once built
      else {
        bits = alloc();
        for (const peer of rule.peers) orInto(bits, peerBits(peer, namespace)); // rule 15: OR
      }
      byNs.set(namespace, bits);
    }
    return bits;
  };

  // Bit sets by identity, for the keys of shared rows.
  const ids = new Map<Bits, number>();
  const idOf = (b: Bits): number => {
    let id = ids.get(b);
    if (id === undefined) ids.set(b, (id = ids.size));
    return id;
  };

  const named = new Map<Rule, boolean>();
  const dependsOnDestination = (rule: Rule): boolean => {
    let d = named.get(rule);
    if (d === undefined) named.set(rule, (d = portsDependOnDestination(rule)));
    return d;
  };

  const ingressIsolated = new Uint8Array(C);
  const egressIsolated = new Uint8Array(C);
  for (let c = 0; c < C; c++) {
    ingressIsolated[c] = ingressPolicies[c].length > 0 ? 1 : 0;
    egressIsolated[c] = egressPolicies[c].length > 0 ? 1 : 0;
  }

  // Each class's rules in policy order, listed once for every port; a rule's peers (which do not
  // depend on the port) are matched the first time a port needs them.
  type ClassRule = { readonly rule: Rule; readonly namespace: string; bits?: Bits };
  const classRules = (selecting: number[], direction: PolicyType): ClassRule[] =>
    selecting.flatMap((pi) => rulesOf(policies[pi], direction).map((rule) => ({ rule, namespace: policies[pi].namespace })));
  const ingressRules = ingressPolicies.map((selecting) => classRules(selecting, PolicyType.INGRESS));
  const egressRules = egressPolicies.map((selecting) => classRules(selecting, PolicyType.EGRESS));

  const ingress: Array<Array<Bits | undefined>> = [];
  const egress: Array<Array<Bits | undefined>> = [];
  for (const { port, protocol } of ports) {
    const ingressRows: Array<Bits | undefined> = new Array(C);
    const egressRows: Array<Bits | undefined> = new Array(C);
    const destinationCache = new Map<string, Bits>();
    // Whether a rule's ports match this port; asked once per rule unless a named port makes the
    // answer depend on the destination (rule 30).
    const portMatches = new Map<Rule, boolean>();
    const ruleMatchesPort = (rule: Rule, destination: number | undefined): boolean => {
      if (destination !== undefined && dependsOnDestination(rule)) return hasBit(destinationBits(rule), destination);
      let m = portMatches.get(rule);
      if (m === undefined) portMatches.set(rule, (m = matchingPort(rule, port, protocol, undefined) !== undefined));
      return m;
    };
    // Destinations on which a rule's ports (with a named port) match this port; rules with the
    // same port list share the answer.
    const destinationByRule = new Map<Rule, Bits>();
    const destinationBits = (rule: Rule): Bits => {
      let bits = destinationByRule.get(rule);
      if (bits) return bits;
      const key = JSON.stringify(rule.ports.map((p) => p.toJson()));
      bits = destinationCache.get(key);
      if (!bits) {
        bits = alloc();
        for (let d = 0; d < C; d++) if (matchingPort(rule, port, protocol, reps[d]) !== undefined) setBit(bits, d);
        destinationCache.set(key, bits);
      }
      destinationByRule.set(rule, bits);
      return bits;
    };
    // Classes whose rows are unions of the same bit sets share one row (rows are never changed
    // once built): many classes of a namespace are selected by the same policies.
    const rowCache = new Map<string, Bits>();
    const union = (parts: Bits[], pairs: Array<[Bits, Bits]>): Bits => {
      if (parts.length === 1 && pairs.length === 0) return parts[0];
      let key = '';
      for (const b of parts) key += `${idOf(b)},`;
      key += '|';
      for (const [a, b] of pairs) key += `${idOf(a)}&${idOf(b)},`;
      let row = rowCache.get(key);
      if (!row) {
        row = alloc();
        for (const b of parts) orInto(row, b);
        for (const [a, b] of pairs) orAndInto(row, a, b);
        rowCache.set(key, row);
      }
      return row;
    };
    for (let c = 0; c < C; c++) {
      if (ingressIsolated[c]) {
        // Rule 9: union over every ingress rule of every selecting policy; rule 12: peers AND
        // ports, the ports resolved on this class, the destination.
        const parts: Bits[] = [];
        for (const r of ingressRules[c]) if (ruleMatchesPort(r.rule, c)) parts.push(r.bits ??= ruleBits(r.rule, r.namespace));
        ingressRows[c] = union(parts, []);
      }
      if (egressIsolated[c]) {
        // Rule 9 and 12 for egress; named ports resolve on each destination (rule 30).
        const parts: Bits[] = [];
        const pairs: Array<[Bits, Bits]> = [];
        for (const r of egressRules[c]) {
          if (dependsOnDestination(r.rule)) pairs.push([r.bits ??= ruleBits(r.rule, r.namespace), destinationBits(r.rule)]);
          else if (ruleMatchesPort(r.rule, undefined)) parts.push(r.bits ??= ruleBits(r.rule, r.namespace));
        }
        egressRows[c] = union(parts, pairs);
      }
    }
    ingress.push(ingressRows);
    egress.push(egressRows);
  }
  return { classes, ingressIsolated, egressIsolated, ingress, egress };
}
