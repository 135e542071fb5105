import { IConstruct } from 'constructs';
import { selectorsDisjoint } from '../../model/selector-disjoint';
import { ClusterSubject } from './peers';

// Managed priorities (documented on ClusterNetworkPolicyProps.priority). Two policies of one tier
// with the same priority that both match a connection give an implementation-defined result
// (docs/cluster-network-policy.md rule 2), so priorities are assigned, not guessed:
//
// - a policy with an explicit `priority` keeps it;
// - a policy without one gets the highest priority of the policies of its tier declared before
//   it in the App, plus 10 (10 for the first), skipping numbers explicit priorities of the tier
//   use: declaration order is evaluation order, and no two policies of a tier share a number;
// - two explicit equal priorities in one tier are a synth error when the policies may overlap
//   (their subjects may share a pod and both have rules of one direction);
// - a managed priority past 1000 is a synth error.

/** What the priority rule reads of a policy construct. */
export interface PrioritizedPolicy extends IConstruct {
  /** @internal */ readonly _tier: string | undefined;
  /** @internal */ readonly _explicitPriority: number | undefined;
  /** @internal */ readonly _subject: ClusterSubject | undefined;
  /** @internal */ readonly _directions: readonly string[];
}

/** The assigned priority, or the error that prevents one. */
export interface Assigned {
  readonly priority?: number;
  readonly error?: string;
}

const STEP = 10;
const MAX = 1000;
const registries = new WeakMap<IConstruct, PrioritizedPolicy[]>();

/** Records a policy of the App whose root is `root`, in declaration order. */
export function registerPrioritized(root: IConstruct, policy: PrioritizedPolicy): void {
  let list = registries.get(root);
  if (!list) registries.set(root, (list = []));
  list.push(policy);
}

/** The priority of `policy` under the rule above (recomputed: an App holds few such policies). */
export function assignedPriority(policy: PrioritizedPolicy): Assigned {
  const all = registries.get(policy.node.root) ?? [];
  const tier = all.filter((p) => p._tier !== undefined && p._tier === policy._tier);
  const explicit = new Set(tier.map((p) => p._explicitPriority).filter((n): n is number => n !== undefined));
  let highest = 0;
  for (const p of tier) {
    let priority: number;
    if (p._explicitPriority !== undefined) {
      priority = p._explicitPriority;
    } else {
      priority = highest + STEP;
      while (explicit.has(priority)) priority++;
    }
    if (p === policy) {
      if (p._explicitPriority === undefined && priority > MAX) {
        return { error: `spec.priority: the managed priority ${priority} is past ${MAX}: ${policy._tier} policies declared before this one use priorities up to ${highest}; give earlier policies lower explicit priorities, or this one an explicit priority` };
      }
      const clash = p._explicitPriority === undefined ? undefined : tier.find((q) => q !== p && q._explicitPriority === p._explicitPriority && mayOverlap(p, q));
      if (clash) {
        return {
          priority,
          error: `spec.priority: ${policy._tier} priority ${priority} is also given to [${clash.node.path}], and the two may apply to the same connections: which one decides is implementation-defined (docs/cluster-network-policy.md rule 2); give one of them another priority, or leave priority out to have it managed`,
        };
      }
      return { priority };
    }
    highest = Math.max(highest, priority);
  }
  return {};
}

/** Whether two policies may both match one connection: a shared direction and subjects that may share a pod. */
function mayOverlap(a: PrioritizedPolicy, b: PrioritizedPolicy): boolean {
  if (!a._directions.some((d) => b._directions.includes(d))) return false;
  if (!a._subject || !b._subject) return true;
  if (selectorsDisjoint(a._subject.namespaceSelector, b._subject.namespaceSelector)) return false;
  const [pa, pb] = [a._subject.podSelector, b._subject.podSelector];
  return !(pa && pb && selectorsDisjoint(pa, pb));
}

