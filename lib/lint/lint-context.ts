import { CnpSpec } from '../dialects/cluster-network-policy/model';
import { WorkloadInfo } from '../manifest/read-types';
import { ContainerPortInfo, Issue, PolicySpec, Severity } from '../model';
import { copyMap } from '../model/string-map';

/** Where a policy came from, so lint issues can name file, document and line. */
export interface LintSource {
  readonly file?: string;
  readonly document?: number;
  /** 0-based index in the `items` of a List document, when the object came from one. */
  readonly item?: number;
  /** 1-based line of the object. */
  readonly line?: number;
  /** The line of a field path inside the object, when the YAML is at hand. */
  readonly locate?: (field: string) => number | undefined;
}

/** A suppression of one lint rule, with the reason a reviewer can read. */
export interface Suppression {
  /** The rule id, e.g. `dns-egress-missing`. */
  readonly ruleId: string;
  /** Why the finding does not apply here. Required: a suppression without a reason is ignored (and reported). */
  readonly reason: string;
  /** `namespace/name` of the only policy it applies to; every policy when omitted. */
  readonly policy?: string;
}

/** One policy to lint. */
export interface LintPolicy {
  readonly spec: PolicySpec;
  /**
   * The NetworkPolicy JSON as written, when it was read from a manifest. Rules that look at the
   * written form (omitted policyTypes, unknown fields, `matchLabels: null`) need it; at synth
   * time it is absent and those checks are skipped.
   */
  readonly json?: unknown;
  readonly source?: LintSource;
  /** Suppressions attached to this policy (its annotations, or its construct). */
  readonly suppressions?: Suppression[];
}

/** A namespace and its labels; `kubernetes.io/metadata.name` is added when missing (rule 20). */
export interface LintNamespace {
  readonly name: string;
  readonly labels: { [key: string]: string };
}

/** A pod, or the pod template of a workload (Deployment, StatefulSet, ...). */
export interface LintPod {
  /** `Pod`, `Deployment`, ... (for messages). */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The pod's labels (a workload's `spec.template.metadata.labels`). */
  readonly labels: { [key: string]: string };
  /** `spec.hostNetwork`: such pods are not governed by policies (docs/semantics.md rule 35). */
  readonly hostNetwork?: boolean;
  /** `status.podIP`, when known. */
  readonly ip?: string;
  /** Declared container ports (for named ports). */
  readonly ports?: ContainerPortInfo[];
}

/** Everything the rules may read. Namespaces and pods are optional: rules that need them skip without them. */
export interface LintContext {
  readonly policies: LintPolicy[];
  /** ClusterNetworkPolicies (and v1alpha1 ANP/BANP), with where they were read; undefined when none. */
  readonly clusterPolicies?: LintClusterPolicy[];
  /** Known namespaces; undefined when none were given. */
  readonly namespaces?: LintNamespace[];
  /** Known pods and workload pod templates; undefined when none were given. */
  readonly pods?: LintPod[];
  /**
   * Namespaces whose workloads `pods` holds completely (a full cluster export, or said so): only
   * there can a selector be judged to match nothing. Undefined: every namespace with known pods.
   */
  readonly completeNamespaces?: string[];
}

/** A ClusterNetworkPolicy as lint sees it. */
export interface LintClusterPolicy {
  readonly spec: CnpSpec;
  readonly source?: LintSource;
}

/** An Issue of `rule` about the cluster policy at `field`, placed in its file when known. */
export function clusterPolicyIssue(rule: LintRule, policy: LintClusterPolicy, field: string, message: string, hint?: string): Issue {
  const src = policy.source;
  const line = (field && src?.locate?.(field)) || src?.line;
  return {
    code: rule.id, severity: rule.severity, message, field, object: policy.spec.id.replace('/', ' '),
    ...(src?.file !== undefined ? { file: src.file } : {}),
    ...(src?.document !== undefined ? { document: src.document } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(hint !== undefined ? { hint } : {}),
  };
}

/** A workload as read from manifests, as lint sees it. */
export function lintPodOf(w: WorkloadInfo): LintPod {
  return {
    kind: w.kind ?? 'Pod',
    namespace: w.namespace,
    name: w.name,
    labels: copyMap(w.labels),
    hostNetwork: w.hostNetwork,
    ip: w.ips?.[0],
    ports: w.containerPorts,
  };
}

/** The cluster DNS pods a lint run checks egress against. */
export interface DnsTarget {
  readonly namespace: string;
  readonly labels: { [key: string]: string };
}

/** The DNS of every common distribution: CoreDNS keeps the kube-dns labels in kube-system. */
export const DEFAULT_DNS: DnsTarget = Object.freeze({ namespace: 'kube-system', labels: Object.freeze({ 'k8s-app': 'kube-dns' }) });

/** Settings of the rules. */
export interface LintSettings {
  /** The cluster's pod CIDRs (for `ipblock-covers-cluster` and DNS reachability by ipBlock). */
  readonly podCidrs: string[];
  /** Where the cluster DNS runs: its namespace and its pods' labels (kube-system, k8s-app=kube-dns). */
  readonly dns: DnsTarget;
}

/**
 * Default pod CIDRs: the three RFC 1918 private ranges. Every common CNI default lives inside one
 * of them (Calico 192.168.0.0/16, Flannel and kind 10.244.0.0/16, k3s 10.42.0.0/16, Cilium
 * 10.0.0.0/8, cloud VPC ranges), so an ipBlock that contains one of them almost certainly
 * contains the pods too. Pass the real pod CIDR for precise results.
 */
export const DEFAULT_POD_CIDRS: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** What a rule receives. */
export interface RuleContext extends LintContext {
  readonly settings: LintSettings;
}

/** A lint rule: one file each, file name = id. */
export interface LintRule {
  /** Stable kebab-case id, used in messages, suppressions and `netpol rules`. */
  readonly id: string;
  readonly severity: Severity;
  /** One line. */
  readonly summary: string;
  /** A paragraph users can read: what is wrong, why Kubernetes behaves so, how to fix it. */
  readonly description: string;
  check(context: RuleContext): Issue[];
}

/** `NetworkPolicy namespace/name`. */
export function policyRef(spec: PolicySpec): string {
  return `NetworkPolicy ${spec.namespace}/${spec.name}`;
}

/** An Issue of `rule` about `policy` at `field`, carrying the policy's file, document and line. */
export function policyIssue(rule: LintRule, policy: LintPolicy, field: string, message: string, hint?: string): Issue {
  const src = policy.source;
  const line = (field && src?.locate?.(field)) || src?.line;
  const issue: { -readonly [K in keyof Issue]: Issue[K] } = {
    code: rule.id,
    severity: rule.severity,
    message,
    field,
    object: policyRef(policy.spec),
  };
  if (hint) issue.hint = hint;
  if (src?.file !== undefined) issue.file = src.file;
  if (src?.document !== undefined) issue.document = src.document;
  if (line !== undefined) issue.line = line;
  return issue;
}
