import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DEFAULT_DNS, LINT_RULES, LintPolicy, Suppression, lintPodOf, runLint } from '../lint';
import { LintClusterPolicy } from '../lint/lint-context';
import { readClusterPolicy } from '../dialects/cluster-network-policy/read';
import { parseNetworkPolicy } from '../manifest/parse-network-policy';
import { readObjects } from '../manifest/read-objects';
import { Issue, PolicySpec, Severity } from '../model';
import type { SynthLintOptions } from './synth-lint';

/** The construct side of a policy that synth-time lint reads. */
export interface LintedPolicy extends IConstruct {
  /** The policy, or undefined when it could not be built (its synth errors say why). */
  readonly _lintSpec: PolicySpec | undefined;
  /** Suppressions given with `suppressLint`. */
  readonly _lintSuppressions: Suppression[];
  /** The policy's own synth errors: no namespace, a name clash, API-server validation. */
  _ownErrors(): string[];
}

/**
 * Rules synthesis skips; `netpol check` runs them on the YAML: those about the written YAML (a
 * construct writes none of it by hand) and those whose findings are only informational (synth
 * prints warnings and errors). Rules about pods run only when the App holds its workloads.
 */
const NOT_AT_SYNTH = ['unknown-field', 'redundant-rule'];
const NEED_PODS = ['selector-matches-nothing', 'host-network-target'];

/** Kinds whose objects are pods or stand for the pods of their template. */
const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);

/**
 * The warnings already printed for each App (its root). The App is linted again after every
 * change (a policy added, `Reachability.of` after more constructs), so each warning is printed
 * once per App, not once per pass.
 */
const printed = new WeakMap<IConstruct, Set<string>>();

/**
 * Lints the App's policies together with any other NetworkPolicy objects in it, prints the
 * warnings with the construct path in front, and returns the errors of each policy (warnings too
 * under `warningsAsErrors`).
 */
export function lintApp(root: IConstruct, ownPolicies: LintedPolicy[], options: SynthLintOptions): Map<IConstruct, string[]> {
  const ours = new Map<string, IConstruct>(); // `NetworkPolicy ns/name` -> construct
  const policies: LintPolicy[] = [];
  for (const c of ownPolicies) {
    const spec = c._lintSpec;
    if (!spec) continue;
    ours.set(`NetworkPolicy ${spec.namespace}/${spec.name}`, c);
    policies.push({ spec, suppressions: c._lintSuppressions });
  }
  const errors = new Map<IConstruct, string[]>();
  const own = new Set<IConstruct>(ownPolicies);
  const cluster: unknown[] = []; // Namespaces and workloads, when the App holds them all
  const clusterPolicies: LintClusterPolicy[] = [];
  for (const c of root.node.findAll()) {
    if (!(c instanceof ApiObject) || own.has(c)) continue;
    if (c.kind === 'ClusterNetworkPolicy' && '_explicitPriority' in c) {
      // Our ClusterNetworkPolicy constructs (constructs/cluster), for the cluster-policy-* rules;
      // one that cannot be rendered or read has synth errors of its own.
      let read;
      try { read = readClusterPolicy(c.toJson()); } catch { continue; }
      if (!read.spec) continue;
      clusterPolicies.push({ spec: read.spec });
      ours.set(`ClusterNetworkPolicy ${read.spec.name}`, c);
    } else if (c.kind === 'NetworkPolicy') {
      // Another library's policy counts for what it allows (a DNS carve-out written with
      // cdk8s-plus still counts); `netpol check` lints its YAML itself.
      const json = c.toJson();
      const parsed = parseNetworkPolicy(json, { defaultNamespace: c.metadata.namespace ?? 'default' });
      if (parsed.spec) policies.push({ spec: parsed.spec, json });
    } else if (options.workloadsInApp && (c.kind === 'Namespace' || WORKLOAD_KINDS.has(c.kind))) {
      cluster.push(c.toJson());
    }
  }
  const known = options.workloadsInApp ? readObjects(cluster) : undefined;
  const declared = new Set(cluster.map((o) => (o as { kind?: string; metadata?: { name?: string } })).filter((o) => o.kind === 'Namespace').map((o) => o.metadata?.name));
  if (ours.size === 0) return errors;
  const context = known
    ? {
      clusterPolicies,
      policies,
      pods: known.workloads.map(lintPodOf),
      namespaces: known.namespaces.filter((n) => declared.has(n.name)).map((n) => ({ name: n.name, labels: { ...(n.labels ?? {}) } })),
    }
    : { policies, clusterPolicies };
  const skipped = options.workloadsInApp ? NOT_AT_SYNTH : [...NOT_AT_SYNTH, ...NEED_PODS];
  const result = runLint(context, {
    podCidrs: options.podCidrs,
    dns: {
      namespace: options.dnsNamespace ?? DEFAULT_DNS.namespace,
      labels: options.dnsLabels ?? DEFAULT_DNS.labels,
    },
    only: LINT_RULES.map((r) => r.id).filter((id) => !skipped.includes(id)),
  });
  for (const issue of result.issues) {
    const owner = issue.object === undefined ? undefined : ours.get(issue.object);
    if (!owner || issue.severity === Severity.INFO) continue;
    const line = formatIssue(issue);
    if (issue.severity === Severity.ERROR || options.warningsAsErrors) {
      errors.set(owner, [...(errors.get(owner) ?? []), line]);
    } else {
      warnOnce(root, `[${owner.node.path}] warning ${line}`);
    }
  }
  return errors;
}

function warnOnce(root: IConstruct, warning: string): void {
  let seen = printed.get(root);
  if (!seen) printed.set(root, seen = new Set());
  if (seen.has(warning)) return;
  seen.add(warning);
  console.warn(warning);
}

/** `<rule-id>: <field>: <message> (<hint>)`. */
function formatIssue(issue: Issue): string {
  return `${issue.code}: ${issue.field ? `${issue.field}: ` : ''}${issue.message}${issue.hint ? ` (${issue.hint})` : ''}`;
}
