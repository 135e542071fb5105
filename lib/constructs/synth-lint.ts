import { Construct, IConstruct } from 'constructs';
import { LINT_RULES, Suppression, findRule } from '../lint';
import { LabelSelector } from '../model';
import { dns1123LabelErrors, parseCidr } from '../model/validation';
import { AppChecks, appChecks } from './app-validation';
import { LintedPolicy } from './lint-app';
import { checkFactoryProps, isBoolean, isString, labelMap, optional, arrayOf, quote } from '../model/props-check';

/** SynthLintOptions as checked at run time. */
const OPTIONS = {
  enabled: optional(isBoolean),
  warningsAsErrors: optional(isBoolean),
  podCidrs: optional(arrayOf(isString, 'strings'), 'podCidr', 'podCIDRs'),
  dnsNamespace: optional(isString),
  dnsLabels: optional(labelMap),
  workloadsInApp: optional(isBoolean),
};

/** Options of the lint rules that run when an App is synthesized. */
export interface SynthLintOptions {
  /**
   * Run the lint rules at synth time at all.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Fail synthesis on lint warnings too, not only on errors (for strict pipelines).
   * @default false - warnings are printed to stderr, prefixed with the construct path
   */
  readonly warningsAsErrors?: boolean;
  /**
   * The cluster's pod CIDRs, for `ipblock-covers-cluster`.
   * @default - the RFC 1918 ranges 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16
   */
  readonly podCidrs?: string[];
  /**
   * Namespace of the cluster DNS pods, for `dns-egress-missing`.
   * @default 'kube-system'
   */
  readonly dnsNamespace?: string;
  /**
   * Labels of the cluster DNS pods, for `dns-egress-missing`.
   * @default { 'k8s-app': 'kube-dns' }
   */
  readonly dnsLabels?: { [key: string]: string };
  /**
   * Every workload the App's policies select or name as peers is defined in this App (cdk8s-plus
   * workloads or ApiObjects of a workload kind), with its Namespaces. Lint then also checks the
   * selectors against them: a target or peer that matches no pod after a label rename is
   * reported (`selector-matches-nothing`, with the closest labels), and so is a policy aimed at
   * hostNetwork pods (`host-network-target`).
   * @default false - pods live outside the App (Helm, other repositories), so selectors are not
   * checked against the App's workloads
   */
  readonly workloadsInApp?: boolean;
}

/**
 * The lint rules (`netpol rules`) as construct validations: when an App or Chart is synthesized,
 * every policy of the App is linted once, together with any other NetworkPolicy objects in it
 * (cdk8s-plus's, raw ApiObjects). Errors fail synthesis with the construct path in front;
 * warnings are printed to stderr the same way. A policy construct suppresses a rule with
 * `suppressLint(ruleId, reason)`; a pattern does so where its shape is deliberate.
 *
 * Rules about pods (`selector-matches-nothing`, `host-network-target`) run only when the App
 * holds every workload its policies are about (`workloadsInApp`); `netpol check` runs them over
 * the YAML and the workloads, and also `unknown-field` (constructs write no field by hand) and
 * the informational `redundant-rule`.
 */
export class SynthLint {
  /**
   * Sets synth-time lint options of the App that holds `scope`; options given earlier (by an
   * organisation's construct library, say) stay unless given again.
   */
  public static configure(scope: IConstruct, options: SynthLintOptions): void {
    if (!isConstruct(scope)) throw new Error(`SynthLint.configure: scope: Invalid value: ${quote(scope)}: must be a construct (the App or a Chart)`);
    const where = `[${scope.node.path || '<app>'}] SynthLint.configure`;
    checkFactoryProps(where, OPTIONS, options, 'options');
    for (const cidr of options.podCidrs ?? []) {
      if (!parseCidr(cidr)) throw new Error(`${where}: podCidrs: ${JSON.stringify(cidr)} is not a CIDR (e.g. "10.244.0.0/16")`);
    }
    if (options.dnsNamespace !== undefined) {
      const problem = dns1123LabelErrors(options.dnsNamespace)[0];
      if (problem) throw new Error(`${where}: dnsNamespace: Invalid value: ${JSON.stringify(options.dnsNamespace)}: ${problem}`);
    }
    if (options.dnsLabels !== undefined) {
      if (Object.keys(options.dnsLabels).length === 0) throw new Error(`${where}: dnsLabels: give the labels of the DNS pods (e.g. { 'k8s-app': 'kube-dns' }); {} would be every pod`);
      try {
        LabelSelector.labels(options.dnsLabels);
      } catch (e) {
        throw new Error(`${where}: dnsLabels: ${(e as Error).message}`);
      }
    }
    const checks = appChecks(scope);
    checks.options = { ...checks.options, ...options };
    checks.generation++;
  }

  /**
   * Records a new policy construct in its App and returns the App's checks, which the policy
   * keeps (a construct never changes App).
   * @internal
   */
  public static _register(policy: LintedPolicy, root: IConstruct): AppChecks {
    const checks = appChecks(root);
    checks.policies.push(policy);
    checks.generation++;
    return checks;
  }

  private constructor() {}
}

/** Checks a suppression given to `suppressLint`; throws with the known rule ids when it is unusable. */
export function checkSuppression(path: string, ruleId: string, reason: string): Suppression {
  if (!findRule(ruleId)) {
    throw new Error(`[${path}] suppressLint: unknown lint rule ${JSON.stringify(ruleId)}; known rules: ${LINT_RULES.map((r) => r.id).join(', ')}`);
  }
  if (typeof ruleId !== 'string') throw new Error(`[${path}] suppressLint: ruleId: must be a string, the id of a lint rule (\`netpol rules\` lists them)`);
  if (typeof reason !== 'string' || !reason.trim()) {
    throw new Error(`[${path}] suppressLint(${JSON.stringify(ruleId)}): give the reason the rule does not apply here; reviewers read it`);
  }
  return { ruleId, reason: reason.trim() };
}

function isConstruct(x: unknown): x is IConstruct {
  return Construct.isConstruct(x);
}
