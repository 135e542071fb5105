import { Issue, PolicySpec, Severity } from '../model';
import { allowAllPeer } from './allow-all-peer';
import { andOrSuspect } from './and-or-suspect';
import { clusterPolicyBaselineDns } from './cluster-policy-baseline-dns';
import { clusterPolicyPassToNothing } from './cluster-policy-pass-to-nothing';
import { clusterPolicyPriorityTie } from './cluster-policy-priority-tie';
import { clusterPolicyRuleShadowed } from './cluster-policy-rule-shadowed';
import { dnsEgressMissing } from './dns-egress-missing';
import { flowHalfOpen } from './flow-half-open';
import { halfIsolated } from './half-isolated';
import { hostNetworkTarget } from './host-network-target';
import { ipblockCoversCluster } from './ipblock-covers-cluster';
import {
  DEFAULT_DNS,
  DEFAULT_POD_CIDRS,
  DnsTarget,
  LintContext,
  LintNamespace,
  LintPod,
  LintPolicy,
  LintRule,
  Suppression,
  policyRef,
} from './lint-context';
import { metadataServiceReachable } from './metadata-service-reachable';
import { policyWithoutEffect } from './policy-without-effect';
import { redundantRule } from './redundant-rule';
import { selectorMatchesNothing } from './selector-matches-nothing';
import { hasKeys } from '../model/string-map';
import { asObject } from './support/effective-types';
import { byPolicyId } from './support/selector-index';
import { unknownField } from './unknown-field';

export {
  LintClusterPolicy,
  DEFAULT_DNS,
  DEFAULT_POD_CIDRS,
  DnsTarget,
  LintContext,
  LintNamespace,
  LintPod,
  LintPolicy,
  LintRule,
  LintSource,
  LintSettings,
  RuleContext,
  Suppression,
  lintPodOf,
  policyIssue,
  policyRef,
} from './lint-context';

/** Every lint rule, sorted by id. */
export const LINT_RULES: readonly LintRule[] = [
  allowAllPeer,
  andOrSuspect,
  clusterPolicyBaselineDns,
  clusterPolicyPassToNothing,
  clusterPolicyPriorityTie,
  clusterPolicyRuleShadowed,
  dnsEgressMissing,
  flowHalfOpen,
  halfIsolated,
  hostNetworkTarget,
  ipblockCoversCluster,
  metadataServiceReachable,
  policyWithoutEffect,
  redundantRule,
  selectorMatchesNothing,
  unknownField,
];

/** The rule with this id, or undefined. */
export function findRule(id: string): LintRule | undefined {
  return LINT_RULES.find((r) => r.id === id);
}

/**
 * Annotation prefix that suppresses a rule on one NetworkPolicy, the reason as value:
 * `suppress.netpol.cdk8s.io/dns-egress-missing: "pods resolve nothing; they talk to IPs only"`.
 */
export const SUPPRESS_ANNOTATION_PREFIX = 'suppress.netpol.cdk8s.io/';

/** Code of the issues about suppressions themselves (unknown rule, missing reason). */
export const SUPPRESSION_CODE = 'lint-suppression';

/** Options of a lint run. */
export interface LintOptions {
  /** Pod CIDRs of the cluster. Default: `DEFAULT_POD_CIDRS` (the RFC 1918 ranges). */
  readonly podCidrs?: string[];
  /** Where the cluster DNS runs. Default: `DEFAULT_DNS` (pods k8s-app=kube-dns in kube-system). */
  readonly dns?: DnsTarget;
  /** Suppressions for every policy (or one, by `policy: 'ns/name'`), each with its reason. */
  readonly suppressions?: Suppression[];
  /** Run only these rule ids. Default: every rule. */
  readonly only?: string[];
}

/** A finding that a suppression silenced, kept so reports can list them with their reasons. */
export interface SuppressedIssue {
  readonly issue: Issue;
  readonly reason: string;
}

/** The findings of a lint run, sorted. */
export interface LintResult {
  readonly issues: Issue[];
  readonly suppressed: SuppressedIssue[];
}

/**
 * Runs the rules over the context. A finding is dropped (and listed under `suppressed`) when a
 * suppression for its rule applies to its policy: from `options.suppressions`, the policy's own
 * `suppressions`, or its `suppress.netpol.cdk8s.io/<rule-id>` annotations. A suppression must
 * state a reason and name a known rule; otherwise it is not applied and is reported itself.
 */
export function runLint(context: LintContext, options: LintOptions = {}): LintResult {
  const issues: Issue[] = [];
  const settings = {
    podCidrs: options.podCidrs && options.podCidrs.length > 0 ? [...options.podCidrs] : [...DEFAULT_POD_CIDRS],
    dns: options.dns ?? DEFAULT_DNS,
  };
  const rules = options.only ? LINT_RULES.filter((r) => options.only!.includes(r.id)) : LINT_RULES;

  const byPolicy = new Map<string, Map<string, string>>(); // object ref -> rule id -> reason
  const global = new Map<string, string>();
  const accept = (s: Suppression, where: { policy?: LintPolicy }) => {
    const problem = !findRule(s.ruleId)
      ? `unknown lint rule ${JSON.stringify(s.ruleId)} in a suppression; known rules: ${LINT_RULES.map((r) => r.id).join(', ')}`
      : !s.reason || !s.reason.trim()
        ? `the suppression of ${s.ruleId} gives no reason, so it is not applied; state why the rule does not apply`
        : undefined;
    if (problem) {
      const at = where.policy;
      issues.push({
        code: SUPPRESSION_CODE, severity: Severity.WARNING, message: problem,
        ...(at ? { object: policyRef(at.spec), file: at.source?.file, document: at.source?.document, line: at.source?.line } : {}),
      });
      return;
    }
    const target = where.policy ? policyRef(where.policy.spec) : s.policy ? `NetworkPolicy ${s.policy}` : undefined;
    if (!target) {
      global.set(s.ruleId, s.reason.trim());
      return;
    }
    const m = byPolicy.get(target) ?? new Map<string, string>();
    m.set(s.ruleId, s.reason.trim());
    byPolicy.set(target, m);
  };
  for (const s of options.suppressions ?? []) accept(s, {});
  for (const policy of context.policies) {
    for (const s of policy.suppressions ?? []) accept({ ...s, policy: undefined }, { policy });
    for (const s of annotationSuppressions(policy)) accept(s, { policy });
  }

  // In namespace/name order once, so that rules which need that order sort a sorted list.
  const policies = [...context.policies].sort(byPolicyId);
  const found = rules.flatMap((rule) => rule.check({ ...context, policies, settings }));
  const suppressed: SuppressedIssue[] = [];
  for (const issue of found) {
    const reason = (issue.object ? byPolicy.get(issue.object)?.get(issue.code) : undefined) ?? global.get(issue.code);
    if (reason !== undefined) suppressed.push({ issue, reason });
    else issues.push(issue);
  }
  return { issues: sortIssues(issues), suppressed: suppressed.sort((a, b) => compareIssues(a.issue, b.issue)) };
}

/**
 * Lints PolicySpecs alone (no manifests, no pods), as construct validations do at synth time.
 * Returns the findings that no suppression silenced.
 */
export function lintPolicies(
  specs: PolicySpec[],
  options: LintOptions & { readonly namespaces?: LintNamespace[]; readonly pods?: LintPod[] } = {},
): Issue[] {
  return runLint({ policies: specs.map((spec) => ({ spec })), namespaces: options.namespaces, pods: options.pods }, options).issues;
}

function annotationSuppressions(policy: LintPolicy): Suppression[] {
  if (policy.json === undefined && !hasKeys(policy.spec.annotations)) return [];
  const written = asObject(asObject(asObject(policy.json)?.metadata)?.annotations) ?? {};
  // Asked for every policy read; almost none carries a suppression: nothing to copy then.
  if (!hasSuppression(written) && !hasSuppression(policy.spec.annotations)) return [];
  const all: { [key: string]: unknown } = { ...policy.spec.annotations, ...written };
  return Object.keys(all)
    .filter((k) => k.startsWith(SUPPRESS_ANNOTATION_PREFIX))
    .sort()
    .map((k) => ({ ruleId: k.slice(SUPPRESS_ANNOTATION_PREFIX.length), reason: typeof all[k] === 'string' ? (all[k] as string) : '' }));
}

function hasSuppression(annotations: { [key: string]: unknown } | undefined): boolean {
  for (const k in annotations) if (Object.prototype.hasOwnProperty.call(annotations, k) && k.startsWith(SUPPRESS_ANNOTATION_PREFIX)) return true;
  return false;
}

const SEVERITY_ORDER: { [s: string]: number } = { error: 0, warning: 1, info: 2 };

/** Deterministic order: file, document, line, object, field, code. */
export function compareIssues(a: Issue, b: Issue): number {
  return text(a.file ?? '', b.file ?? '')
    || (a.document ?? -1) - (b.document ?? -1)
    || (a.line ?? 0) - (b.line ?? 0)
    || text(a.object ?? '', b.object ?? '')
    || text(a.field ?? '', b.field ?? '')
    || (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3)
    || text(a.code, b.code)
    || text(a.message, b.message);
}

/**
 * `a.localeCompare(b)`: the collator it uses (the default locale's), made once. Sorting a large
 * export's hundred thousand findings with `localeCompare` spends seconds setting one up per call.
 */
const COLLATOR = new Intl.Collator();

function text(a: string, b: string): number {
  return a === b ? 0 : COLLATOR.compare(a, b);
}

/** Issues sorted by `compareIssues`. */
export function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort(compareIssues);
}
