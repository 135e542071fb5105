import { Rule } from '../../model';
import { LintPolicy } from '../lint-context';

/** The directions a policy really isolates, and the rules that really count for each. */
export interface EffectivePolicy {
  readonly ingress: boolean;
  readonly egress: boolean;
  /** Ingress rules, empty when Ingress is not effective (rule 6: inert). */
  readonly ingressRules: Rule[];
  /** Egress rules, empty when Egress is not effective. */
  readonly egressRules: Rule[];
  /** Whether `spec.policyTypes` was written (non-empty) in the manifest; true at synth time. */
  readonly typesWritten: boolean;
}

/**
 * docs/semantics.md rule 5: a missing or empty `policyTypes` becomes [Ingress], plus Egress iff
 * `spec.egress` is a non-empty list. Rule 6: rules of a type not in policyTypes are inert.
 * Read from the written JSON when there is one (the reader must default, rule 5), else from the spec.
 */
export function effectivePolicy(policy: LintPolicy): EffectivePolicy {
  // Every rule asks, for every policy; a LintPolicy and its spec do not change. Kept on the
  // policy (a hidden property) rather than in a WeakMap: millions of look-ups over a hundred
  // thousand policies cost seconds there, in the look-ups and in the garbage collector.
  const held = (policy as Holder)[EFFECTIVE];
  if (held !== undefined) return held;
  const eff = computeEffective(policy);
  if (Object.isExtensible(policy)) Object.defineProperty(policy, EFFECTIVE, { value: eff, enumerable: false });
  return eff;
}

const EFFECTIVE = Symbol('effectivePolicy');
type Holder = { [EFFECTIVE]?: EffectivePolicy };

function computeEffective(policy: LintPolicy): EffectivePolicy {
  const spec = policy.spec;
  let ingress = spec.isolatesIngress;
  let egress = spec.isolatesEgress;
  let typesWritten = true;
  const json = asObject(asObject(policy.json)?.spec);
  if (json) {
    const types = Array.isArray(json.policyTypes) ? json.policyTypes : [];
    typesWritten = types.length > 0;
    if (typesWritten) {
      ingress = types.includes('Ingress');
      egress = types.includes('Egress');
    } else {
      ingress = true;
      egress = Array.isArray(json.egress) && json.egress.length > 0;
    }
  }
  return {
    ingress,
    egress,
    ingressRules: ingress ? spec.ingress : [],
    egressRules: egress ? spec.egress : [],
    typesWritten,
  };
}

/** The value as a plain object, or undefined. */
export function asObject(v: unknown): { [key: string]: unknown } | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { [key: string]: unknown }) : undefined;
}
