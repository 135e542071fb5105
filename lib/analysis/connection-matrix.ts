import { CnpSpec } from '../dialects/cluster-network-policy/model';
import { PolicySpec, PolicyType, Rule } from '../model';
import { ConnectionSet } from './connection-set';
import { ruleConnections } from './connections';
import { EndpointClasses, buildClasses } from './equivalence-classes';
import { isLoopback } from './explain';
import { fromOwnNode, matchingPeer, policyGoverns, policySelects, rulesOf } from './semantics';
import { Subject } from './subject';
import { ClusterTiers, tieredSet, tiersOf } from './tiers';

// Connection sets for every ordered pair of endpoints, computed per pair of equivalence classes
// (endpoints no rule can tell apart: equivalence-classes.ts). The cost grows with the number of
// classes and of rules, never with pods squared or with the 65,535 ports: sets are intervals.

interface ScopedRule {
  readonly rule: Rule;
  readonly namespace: string;
  /** Per remote class: 1 when the rule's peers match it, 2 when not, 0 not yet known. */
  readonly peerMatch: Uint8Array;
  /** What the rule admits toward each destination class (named ports differ per class). */
  readonly ports: Array<ConnectionSet | undefined>;
  readonly portsVaryByDestination: boolean;
}

/** The connection sets of every pair of endpoint classes. */
export class ClassConnections {
  public readonly classes: EndpointClasses;
  private readonly egressRules: Array<ScopedRule[] | undefined>;
  private readonly ingressRules: Array<ScopedRule[] | undefined>;
  private readonly cache = new Map<number, ConnectionSet>();
  private readonly tiers: ClusterTiers | undefined;

  public constructor(subjects: Subject[], policies: PolicySpec[], clusterPolicies: CnpSpec[] = []) {
    this.classes = buildClasses(subjects, policies, clusterPolicies);
    this.tiers = tiersOf(clusterPolicies);
    const reps = this.classes.reps;
    // A Rule is a value two policies may share; its podSelector-only peers depend on the policy's namespace.
    const scoped = new Map<string, Map<Rule, ScopedRule>>();
    const scope = (rule: Rule, namespace: string): ScopedRule => {
      let inNamespace = scoped.get(namespace);
      if (!inNamespace) scoped.set(namespace, inNamespace = new Map());
      let s = inNamespace.get(rule);
      if (!s) {
        s = {
          rule, namespace, peerMatch: new Uint8Array(reps.length), ports: new Array(reps.length),
          portsVaryByDestination: rule.ports.some((p) => p.name !== undefined),
        };
        inNamespace.set(rule, s);
      }
      return s;
    };
    const rulesFor = (direction: PolicyType) => reps.map((s) => {
      // Rules 1, 2, 11, 35: only pod-network pods selected by a policy of this direction are isolated.
      if (!s.isPod || s.hostNetwork) return undefined;
      const selecting = policies.filter((p) => policyGoverns(p, direction) && policySelects(p, s));
      if (selecting.length === 0) return undefined;
      return selecting.flatMap((p) => rulesOf(p, direction).map((r) => scope(r, p.namespace)));
    });
    this.egressRules = rulesFor(PolicyType.EGRESS);
    this.ingressRules = rulesFor(PolicyType.INGRESS);
  }

  /** What an endpoint of class `from` may open to an endpoint of class `to` (loopback aside). */
  public between(from: number, to: number): ConnectionSet {
    const key = from * this.classes.reps.length + to;
    let set = this.cache.get(key);
    if (set === undefined) {
      // Rule 10: the source's egress and the destination's ingress must both allow.
      const egress = this.tiered(PolicyType.EGRESS, from, to, this.egressRules[from]);
      set = egress.isEmpty() ? egress : egress.intersect(this.tiered(PolicyType.INGRESS, to, from, this.ingressRules[to]));
      this.cache.set(key, set);
    }
    return set;
  }

  /** One side: NetworkPolicy's answer, walked through the cluster's tiers when it has any. */
  private tiered(direction: PolicyType, subject: number, remote: number, rules: ScopedRule[] | undefined): ConnectionSet {
    const destination = direction === PolicyType.EGRESS ? remote : subject;
    if (!this.tiers) return this.side(rules, remote, destination);
    const reps = this.classes.reps;
    const np = rules === undefined ? undefined : this.side(rules, remote, destination);
    return tieredSet(this.tiers, direction, reps[subject], reps[remote], reps[destination], np);
  }

  /** Rule 9: the union over the side's rules whose peers match the remote class (rule 12). */
  private side(rules: ScopedRule[] | undefined, remote: number, destination: number): ConnectionSet {
    if (rules === undefined) return ConnectionSet.all();
    const reps = this.classes.reps;
    let out = ConnectionSet.none();
    for (const r of rules) {
      let m = r.peerMatch[remote];
      if (m === 0) {
        m = matchingPeer(r.rule, r.namespace, reps[remote]) === undefined ? 2 : 1;
        r.peerMatch[remote] = m;
      }
      if (m !== 1) continue;
      const slot = r.portsVaryByDestination ? destination : 0;
      let ports = r.ports[slot];
      if (ports === undefined) {
        ports = ruleConnections(r.rule, reps[destination]);
        r.ports[slot] = ports;
      }
      out = out.union(ports);
      if (out.isAll()) break;
    }
    return out;
  }
}

/** The connection set between two endpoints given by index, loopback (rule 33) included. */
export function endpointConnections(c: ClassConnections, subjects: Subject[], from: number, to: number): ConnectionSet {
  if (from === to && isLoopback(subjects[from], subjects[to])) return ConnectionSet.all();
  // Rule 34: a hostNetwork source on the destination's node (its egress is node traffic too).
  if (fromOwnNode(subjects[from], subjects[to])) return ConnectionSet.all();
  return c.between(c.classes.classOf[from], c.classes.classOf[to]);
}
