import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DEFAULT_DNS, LINT_RULES, LintPolicy, Suppression, findRule, runLint } from '../lint';
import { parseNetworkPolicy } from '../manifest/parse-network-policy';
import { Issue, PolicySpec, Severity } from '../model';
import { parseCidr } from '../model/validation';

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
}

/** The construct side of a policy that synth-time lint reads. */
export interface LintedPolicy extends IConstruct {
  /** The policy, or undefined when it could not be built (its synth errors say why). */
  readonly _lintSpec: PolicySpec | undefined;
  /** Suppressions given with `suppressLint`. */
  readonly _lintSuppressions: Suppression[];
}

interface AppLint {
  options: SynthLintOptions;
  /** Bumped by every policy construct added; results are valid for one generation. */
  generation: number;
  computedFor: number;
  errors: Map<IConstruct, string[]>;
}

const apps = new WeakMap<IConstruct, AppLint>();

/**
 * Rules synthesis skips; `netpol check` runs them on the YAML: those about pods and workloads
 * (unknown at synth time), those about the written YAML (a construct writes none of it by hand),
 * and those whose findings are only informational (synth prints warnings and errors).
 */
const NOT_AT_SYNTH = ['selector-matches-nothing', 'host-network-target', 'unknown-field', 'redundant-rule'];

function stateOf(scope: IConstruct): AppLint {
  const root = scope.node.root;
  let state = apps.get(root);
  if (!state) {
    state = { options: {}, generation: 0, computedFor: -1, errors: new Map() };
    apps.set(root, state);
  }
  return state;
}

/**
 * The lint rules (`netpol rules`) as construct validations: when an App or Chart is synthesized,
 * every policy of the App is linted once, together with any other NetworkPolicy objects in it
 * (cdk8s-plus's, raw ApiObjects). Errors fail synthesis with the construct path in front;
 * warnings are printed to stderr the same way. A policy construct suppresses a rule with
 * `suppressLint(ruleId, reason)`; a pattern does so where its shape is deliberate.
 *
 * Pods are not known at synth time, so rules that need them (`selector-matches-nothing`,
 * `host-network-target`) run only in `netpol check`, over the YAML and the workloads; so do
 * `unknown-field` (constructs write no field by hand) and the informational `redundant-rule`.
 */
export class SynthLint {
  /**
   * Sets synth-time lint options of the App that holds `scope`; options given earlier (by an
   * organisation's construct library, say) stay unless given again.
   */
  public static configure(scope: IConstruct, options: SynthLintOptions): void {
    for (const cidr of options.podCidrs ?? []) {
      if (!parseCidr(cidr)) {
        throw new Error(`[${scope.node.path || '<app>'}] SynthLint.configure: podCidrs: ${JSON.stringify(cidr)} is not a CIDR (e.g. "10.244.0.0/16")`);
      }
    }
    const state = stateOf(scope);
    state.options = { ...state.options, ...options };
    state.generation++;
  }

  /**
   * Records a new policy construct in its App (results computed before it are stale).
   * @internal
   */
  public static _noteNewPolicy(policy: IConstruct): void {
    stateOf(policy).generation++;
  }

  /**
   * The synth errors of `policy` from lint; on the first call of a generation, lints the whole
   * App once and prints its warnings.
   * @internal
   */
  public static _errorsOf(policy: LintedPolicy): string[] {
    const state = stateOf(policy);
    if (state.options.enabled === false) return [];
    if (state.computedFor !== state.generation) {
      state.errors = lintApp(policy.node.root, state.options);
      state.computedFor = state.generation;
    }
    return state.errors.get(policy) ?? [];
  }

  private constructor() {}
}

/** Checks a suppression given to `suppressLint`; throws with the known rule ids when it is unusable. */
export function checkSuppression(path: string, ruleId: string, reason: string): Suppression {
  if (!findRule(ruleId)) {
    throw new Error(`[${path}] suppressLint: unknown lint rule ${JSON.stringify(ruleId)}; known rules: ${LINT_RULES.map((r) => r.id).join(', ')}`);
  }
  if (!reason || !reason.trim()) {
    throw new Error(`[${path}] suppressLint(${JSON.stringify(ruleId)}): give the reason the rule does not apply here; reviewers read it`);
  }
  return { ruleId, reason: reason.trim() };
}

function isLinted(c: IConstruct): c is LintedPolicy {
  return '_lintSuppressions' in c && '_lintSpec' in c;
}

function lintApp(root: IConstruct, options: SynthLintOptions): Map<IConstruct, string[]> {
  const ours = new Map<string, IConstruct>(); // `NetworkPolicy ns/name` -> construct
  const policies: LintPolicy[] = [];
  for (const c of root.node.findAll()) {
    if (isLinted(c)) {
      const spec = c._lintSpec;
      if (!spec) continue;
      ours.set(`NetworkPolicy ${spec.namespace}/${spec.name}`, c);
      policies.push({ spec, suppressions: c._lintSuppressions });
    } else if (c instanceof ApiObject && c.kind === 'NetworkPolicy') {
      // Another library's policy counts for what it allows (a DNS carve-out written with
      // cdk8s-plus still counts); `netpol check` lints its YAML itself.
      const parsed = parseNetworkPolicy(c.toJson(), { defaultNamespace: c.metadata.namespace ?? 'default' });
      if (parsed.spec) policies.push({ spec: parsed.spec, json: c.toJson() });
    }
  }
  const errors = new Map<IConstruct, string[]>();
  if (ours.size === 0) return errors;
  const result = runLint({ policies }, {
    podCidrs: options.podCidrs,
    dns: {
      namespace: options.dnsNamespace ?? DEFAULT_DNS.namespace,
      labels: options.dnsLabels ?? DEFAULT_DNS.labels,
    },
    only: LINT_RULES.map((r) => r.id).filter((id) => !NOT_AT_SYNTH.includes(id)),
  });
  for (const issue of result.issues) {
    const owner = issue.object === undefined ? undefined : ours.get(issue.object);
    if (!owner || issue.severity === Severity.INFO) continue;
    const line = formatIssue(issue);
    if (issue.severity === Severity.ERROR || options.warningsAsErrors) {
      errors.set(owner, [...(errors.get(owner) ?? []), line]);
    } else {
      console.warn(`[${owner.node.path}] warning ${line}`);
    }
  }
  return errors;
}

/** `<rule-id>: <field>: <message> (<hint>)`. */
function formatIssue(issue: Issue): string {
  return `${issue.code}: ${issue.field ? `${issue.field}: ` : ''}${issue.message}${issue.hint ? ` (${issue.hint})` : ''}`;
}
