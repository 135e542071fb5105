import { CnpAction, CnpPeer, CnpPodSet, CnpPort, CnpRule, CnpSpec, CnpTier } from '../dialects/cluster-network-policy/model';
import { Issue, LabelSelector, Port, Severity } from '../model';
import { dns1123LabelErrors } from '../model/validation';
import { Code, arr, call, chain, comment, identifiers, labels, literal, num, obj, pretty, ref, str } from './code';
import { derivesOwnName } from './derived-name';
import { entry } from '../model/string-map';
import { INTENT_ANNOTATION, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../patterns/audit';
import { BOOKKEEPING_ANNOTATIONS } from './metadata-not-carried';
import { enumWord, namespaceNames, portCode, selectorCode } from './model-code';
import { ConstructCall } from './policy-code';

// One cluster policy (ClusterNetworkPolicy v1alpha2, or v1alpha1 AdminNetworkPolicy /
// BaselineAdminNetworkPolicy as read by lib/dialects/cluster-network-policy) -> one
// `new ClusterNetworkPolicy(...)` call with ClusterSubject, ClusterPeer and ClusterRule values,
// its tier and priority kept exactly. v1alpha1 objects become v1alpha2 ClusterNetworkPolicies
// (docs/cluster-network-policy.md, "v1alpha1"): what changes is said in a note per policy. What
// the constructs cannot write is refused (cluster-policy-problems.ts), never approximated.

/** A cluster policy as read, with the metadata the program carries. */
export interface ClusterPolicyInput {
  readonly spec: CnpSpec;
  /** `metadata.labels` as read. */
  readonly labels?: { [key: string]: string };
  /** `metadata.annotations` as read. */
  readonly annotations?: { [key: string]: string };
}

/** Code of the note saying what a v1alpha1 policy becomes in v1alpha2. */
export const CONVERTED_CODE = 'import-cluster-policy-converted';
/** The name a BaselineAdminNetworkPolicy (always `default`) gets as a ClusterNetworkPolicy. */
export const BASELINE_NAME = 'baseline-default';

/** The library's words this module writes. */
export const CLUSTER_LIBRARY_NAMES = [
  'ClusterNetworkPolicy', 'ClusterPeer', 'ClusterPolicyAction', 'ClusterPolicyChannel', 'ClusterPolicyTier', 'ClusterSubject', 'Dialect', 'Targets',
];

const TIER = new Map<string, string>([[CnpTier.ADMIN, 'ADMIN'], [CnpTier.BASELINE, 'BASELINE']]);
const ACTION = new Map<string, string>([[CnpAction.ACCEPT, 'ACCEPT'], [CnpAction.DENY, 'DENY'], [CnpAction.PASS, 'PASS']]);

/** `Kind name` of the object as read, as workspace issues name it. */
export const clusterObjectRef = (spec: CnpSpec): string => `${spec.source} ${spec.name}`;

/** The ClusterNetworkPolicy name the program writes: BANP `default` becomes `baseline-default`. */
export function importedName(spec: CnpSpec): string {
  return spec.source === 'BaselineAdminNetworkPolicy' ? BASELINE_NAME : spec.name;
}

/** The CRD channel the policies need: experimental when a nodes or domainNames peer appears. */
export function channelNeeded(specs: CnpSpec[]): 'standard' | 'experimental' {
  return specs.some((s) => [...s.ingress, ...s.egress].some((r) => r.peers.some((p) => p.kind === 'nodes' || p.kind === 'domainNames')))
    ? 'experimental' : 'standard';
}

/** A LabelSelector value and code. */
const sel = (s: LabelSelector): Code => selectorCode(s).code;

/**
 * Namespace names a selector picks, written as `namespaces(...names)` only when the factory
 * writes back the same selector: one name as a label, several as `In` with sorted, distinct values.
 */
function namesOf(s: LabelSelector): string[] | undefined {
  const names = namespaceNames(s);
  if (!names || names.some((n) => dns1123LabelErrors(n).length > 0)) return undefined;
  const sorted = [...new Set(names)].sort();
  return sorted.length === names.length && sorted.every((n, i) => n === names[i]) ? names : undefined;
}

function podSetCode(set: CnpPodSet, factory: 'ClusterSubject' | 'ClusterPeer'): Code {
  if (set.pods !== undefined) {
    // CNP rule 7: an omitted namespaceSelector is every namespace, as `{}` is; the factory writes it only when narrowed.
    return set.namespaces.isEverything() ? call(`${factory}.pods`, sel(set.pods)) : call(`${factory}.pods`, sel(set.pods), sel(set.namespaces));
  }
  if (set.namespaces.isEverything()) return call(`${factory}.allNamespaces`);
  const names = namesOf(set.namespaces);
  return names ? call(`${factory}.namespaces`, ...names.map(str)) : call(`${factory}.namespacesMatching`, sel(set.namespaces));
}

function peerCode(p: CnpPeer): Code {
  switch (p.kind) {
    case 'pods': return podSetCode(p.set, 'ClusterPeer');
    case 'networks': return call('ClusterPeer.networks', ...p.cidrs.map(str));
    case 'nodes': return call('ClusterPeer.nodes', sel(p.selector));
    default: return call('ClusterPeer.domainNames', ...p.names.map(str));
  }
}

/** The library Port that the constructs write back as this protocol entry (a whole protocol is the range 1-65535). */
function portOf(p: CnpPort): Port {
  if (p.kind === 'named') return Port.named(p.name);
  if (p.from === p.to) return Port.number(p.protocol, p.from);
  return p.from === 1 && p.to === 65535 ? Port.all(p.protocol) : Port.range(p.protocol, p.from, p.to);
}

function ruleCode(r: CnpRule): Code {
  return obj([
    ['name', r.name !== undefined ? str(r.name) : undefined],
    ['action', ref(`ClusterPolicyAction.${enumWord(ACTION, r.action, 'cluster policy action')}`)],
    ['peers', arr(r.peers.map(peerCode))],
    ['ports', r.ports !== undefined ? arr(r.ports.map((p) => portCode(portOf(p)).code)) : undefined],
  ]);
}

/** Whether the policy carries the audit metadata this library's constructs write (managed-by label and intent annotation). */
export function carriesClusterAudit(input: ClusterPolicyInput): boolean {
  return entry(input.labels ?? {}, MANAGED_BY_LABEL) === MANAGED_BY_VALUE && entry(input.annotations ?? {}, INTENT_ANNOTATION) !== undefined;
}

/** Options of `clusterPolicyCall` and `clusterPolicyProgram`. */
export interface ClusterCallOptions {
  /**
   * Policies for which the program writes `auditMetadata: false`, so that constructs which write
   * audit metadata by default add none the input lacks.
   * @default - none
   */
  readonly auditOff?: (input: ClusterPolicyInput) => boolean;
}

/** The construct call writing one cluster policy (in a chart without namespace). */
export function clusterPolicyCall(input: ClusterPolicyInput, options: ClusterCallOptions = {}): ConstructCall {
  const { spec } = input;
  const name = importedName(spec);
  const own = input.labels ?? {};
  const kept = Object.fromEntries(Object.entries(input.annotations ?? {}).filter(([k]) => !BOOKKEEPING_ANNOTATIONS.includes(k)));
  const props = obj([
    ['name', derivesOwnName('', name) ? undefined : str(name)],
    ['labels', Object.keys(own).length > 0 ? labels(own) : undefined],
    ['annotations', Object.keys(kept).length > 0 ? labels(kept) : undefined],
    ['tier', ref(`ClusterPolicyTier.${enumWord(TIER, spec.tier, 'cluster policy tier')}`)],
    ['priority', num(spec.priority)],
    ['subject', podSetCode(spec.subject, 'ClusterSubject')],
    ['ingress', spec.ingress.length > 0 ? arr(spec.ingress.map(ruleCode)) : undefined],
    ['egress', spec.egress.length > 0 ? arr(spec.egress.map(ruleCode)) : undefined],
    ['auditMetadata', options.auditOff?.(input) ? ref('false') : undefined],
  ]);
  return { construct: 'ClusterNetworkPolicy', id: name, props };
}

/** `Targets.of(app).support(Dialect.CLUSTER_NETWORK_POLICY, { channel: ClusterPolicyChannel.X })`. */
export function targetsCode(specs: CnpSpec[]): Code {
  const channel = channelNeeded(specs) === 'experimental' ? 'EXPERIMENTAL' : 'STANDARD';
  return chain(call('Targets.of', ref('app')), 'support', ref('Dialect.CLUSTER_NETWORK_POLICY'), obj([['channel', ref(`ClusterPolicyChannel.${channel}`)]]));
}

/**
 * What changes when a v1alpha1 object is written as a v1alpha2 ClusterNetworkPolicy, said
 * exactly (undefined for a ClusterNetworkPolicy, written as read).
 */
export function conversionNote(spec: CnpSpec): Issue | undefined {
  if (spec.source === 'ClusterNetworkPolicy') return undefined;
  const changes: string[] = [`apiVersion policy.networking.k8s.io/v1alpha1 -> v1alpha2`, `kind ${spec.source} -> ClusterNetworkPolicy`];
  if (spec.source === 'BaselineAdminNetworkPolicy') {
    changes.push(`metadata.name "${spec.name}" -> "${BASELINE_NAME}"`, 'spec.tier: Baseline (added)', `spec.priority: ${spec.priority} (added; a BaselineAdminNetworkPolicy has none)`);
  } else {
    changes.push('spec.tier: Admin (added)', `spec.priority ${spec.priority} kept`);
  }
  const allowed = (key: 'ingress' | 'egress') => spec[key].flatMap((r, i) => (r.action === CnpAction.ACCEPT ? [`spec.${key}[${i}]`] : []));
  const accepts = [...allowed('ingress'), ...allowed('egress')];
  if (accepts.length > 0) changes.push(`action Allow -> Accept in ${accepts.join(', ')}`);
  const ported = [...spec.ingress.map((r, i) => ['ingress', r, i] as const), ...spec.egress.map((r, i) => ['egress', r, i] as const)]
    .filter(([, r]) => r.ports !== undefined).map(([k, , i]) => `spec.${k}[${i}]`);
  if (ported.length > 0) changes.push(`ports -> protocols in ${ported.join(', ')} (the same ports)`);
  return {
    code: CONVERTED_CODE, severity: Severity.WARNING, object: clusterObjectRef(spec), field: 'apiVersion',
    message: `written as ClusterNetworkPolicy ${importedName(spec)}: ${changes.join('; ')}; the connections it decides are the same`,
    hint: `apply the program's output on a cluster with the v1alpha2 CRD, then delete the v1alpha1 object (kubectl delete ${spec.source.toLowerCase()} ${spec.name})`,
  };
}


/** The variable of the chart holding the cluster-scoped policies (chart variables of namespaces avoid it). */
export const CLUSTER_CHART_VARIABLE = 'clusterPolicies';
/** Its construct id: upper case, so no namespace's chart can have it. */
const CLUSTER_CHART_ID = 'ClusterPolicies';

/** The program's part for cluster policies. */
export interface ClusterProgram {
  /** The targets the policies need, the chart, and one construct per policy (origin and notes as comments). */
  readonly body: string[];
  /** What changed on the way (v1alpha1 -> v1alpha2), each naming its policy. */
  readonly notes: Issue[];
  readonly count: number;
  /** Identifiers written outside literals and comments. */
  readonly words: string[];
}

/**
 * The targets line and the chart of cluster policies, in evaluation order (Admin, then Baseline, by priority, then
 * name), and the Targets line. `origins` is keyed by `CnpSpec.id`.
 */
export function clusterPolicyProgram(inputs: ClusterPolicyInput[], origins: { [id: string]: string } = {}, options: ClusterCallOptions = {}): ClusterProgram {
  if (inputs.length === 0) return { body: [], notes: [], count: 0, words: [] };
  const words = new Set<string>([CLUSTER_CHART_VARIABLE]);
  const targets = targetsCode(inputs.map((i) => i.spec));
  identifiers(targets, words);
  const body = [
    '',
    comment('ClusterNetworkPolicies are cluster-scoped: one Chart without namespace, one construct each, tiers and priorities kept.'),
    `${pretty(targets, 0, 0)};`,
    `const ${CLUSTER_CHART_VARIABLE} = new Chart(app, ${literal(CLUSTER_CHART_ID)});`,
  ];
  const notes: Issue[] = [];
  const order = (i: ClusterPolicyInput) => [i.spec.tier === CnpTier.ADMIN ? 0 : 1, i.spec.priority, importedName(i.spec)] as const;
  const sorted = [...inputs].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
  });
  for (const input of sorted) {
    const c = clusterPolicyCall(input, options);
    const origin = origins[input.spec.id];
    if (origin) body.push(comment(origin));
    const note = conversionNote(input.spec);
    if (note) {
      notes.push(note);
      body.push(comment(`note: ${note.message}`));
    }
    words.add(c.construct);
    if (c.props) identifiers(c.props, words);
    const head = `new ${c.construct}(${CLUSTER_CHART_VARIABLE}, ${literal(c.id)}`;
    body.push(`${head}, ${pretty(c.props!, head.length + 2, 0)});`);
  }
  return { body, notes, count: inputs.length, words: [...words] };
}
