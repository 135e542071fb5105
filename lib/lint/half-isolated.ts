import { Issue, Severity } from '../model';
import { LintPolicy, LintRule, RuleContext, policyIssue } from './lint-context';
import { asObject, effectivePolicy } from './support/effective-types';

export const halfIsolated: LintRule = {
  id: 'half-isolated',
  severity: Severity.WARNING,
  summary: 'Rules for a direction the policy does not govern, or a namespace baseline that denies only one direction.',
  description:
    'A policy isolates only the directions in its policyTypes; rules of the other direction are '
    + 'silently ignored. When policyTypes is omitted, Kubernetes sets it to [Ingress], plus Egress only '
    + 'if `egress` is a non-empty list: a policy written with only egress rules therefore also denies all '
    + 'ingress, and `egress: []` denies nothing. A default-deny baseline (podSelector {} and no rules) '
    + 'that lists only Ingress leaves every pod free to dial anything, including the internet: the pod '
    + 'is half-locked. Write policyTypes explicitly, and give each namespace a baseline for both directions.',
  check(context: RuleContext): Issue[] {
    const issues: Issue[] = [];
    for (const policy of context.policies) {
      const eff = effectivePolicy(policy);
      const spec = asObject(asObject(policy.json)?.spec);
      const written = (key: string) => (spec ? Array.isArray(spec[key]) ? (spec[key] as unknown[]).length : 0 : undefined);
      const nIngress = written('ingress') ?? policy.spec.ingress.length;
      const nEgress = written('egress') ?? policy.spec.egress.length;
      // Rule 6: rules of a type missing from policyTypes are inert.
      if (eff.typesWritten && nEgress > 0 && !eff.egress) {
        issues.push(policyIssue(this, policy, 'spec.policyTypes',
          `spec.egress has ${plural(nEgress, 'rule')} but policyTypes does not list Egress, so ${nEgress === 1 ? 'it is' : 'they are'} ignored: this policy does not restrict egress at all`,
          'add Egress to policyTypes, or remove the egress rules'));
      }
      if (eff.typesWritten && nIngress > 0 && !eff.ingress) {
        issues.push(policyIssue(this, policy, 'spec.policyTypes',
          `spec.ingress has ${plural(nIngress, 'rule')} but policyTypes does not list Ingress, so ${nIngress === 1 ? 'it is' : 'they are'} ignored: this policy does not restrict ingress at all`,
          'add Ingress to policyTypes, or remove the ingress rules'));
      }
      // Rule 5a/5b: defaulting by the length of `egress`, not by the key's presence.
      if (!eff.typesWritten && spec) {
        if (nEgress > 0 && nIngress === 0) {
          issues.push(policyIssue(this, policy, 'spec',
            'policyTypes is omitted, so Kubernetes sets it to [Ingress, Egress] because egress has rules: with no ingress rules this policy also denies ALL ingress to the pods it selects',
            'write policyTypes: [Egress] if only egress was meant, or [Ingress, Egress] to make the ingress deny explicit'));
        }
        if (Array.isArray(spec.egress) && spec.egress.length === 0) {
          issues.push(policyIssue(this, policy, 'spec.egress',
            '`egress: []` without policyTypes does not restrict egress: policyTypes defaults to [Ingress] because the egress list is empty',
            'add policyTypes: [Ingress, Egress] to deny all egress'));
        }
      }
    }
    issues.push(...oneSidedBaselines(this, context.policies));
    return issues;
  },
};

/** A namespace whose deny-all baselines (podSelector {} and no rules) cover only one direction. */
function oneSidedBaselines(rule: LintRule, policies: LintPolicy[]): Issue[] {
  const issues: Issue[] = [];
  const wholeNs = policies.filter((p) => p.spec.podSelector.isEverything());
  const isolated = { Ingress: new Set<string>(), Egress: new Set<string>() };
  for (const p of wholeNs) {
    if (effectivePolicy(p).ingress) isolated.Ingress.add(p.spec.namespace);
    if (effectivePolicy(p).egress) isolated.Egress.add(p.spec.namespace);
  }
  for (const policy of wholeNs) {
    const eff = effectivePolicy(policy);
    const denyIngress = eff.ingress && eff.ingressRules.length === 0;
    const denyEgress = eff.egress && eff.egressRules.length === 0;
    if (denyIngress === denyEgress || eff.ingress === eff.egress) continue; // both, or not a baseline
    const missing = denyIngress ? 'Egress' : 'Ingress';
    if (isolated[missing].has(policy.spec.namespace)) continue; // another whole-namespace policy covers it
    const open = missing === 'Egress' ? 'dial anything, including the internet' : 'be reached by anything';
    issues.push(policyIssue(rule, policy, 'spec.policyTypes',
      `namespace ${policy.spec.namespace} has a default-deny for ${missing === 'Egress' ? 'ingress' : 'egress'} only: every pod still can ${open}`,
      `add ${missing} to policyTypes (then allow DNS and the flows you need), or add a second baseline for ${missing}`));
  }
  return issues;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
