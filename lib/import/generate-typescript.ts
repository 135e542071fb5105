import { Issue, PolicySpec } from '../model';
import { CLUSTER_CHART_VARIABLE, CLUSTER_LIBRARY_NAMES, ClusterPolicyInput, carriesClusterAudit, clusterPolicyProgram } from './cluster-policy-code';
import { comment, identifiers, literal, pretty } from './code';
import { ConstructCall, PATTERN_METADATA_CODE, PatternUse, policyCall } from './policy-code';
import { INTENT_ANNOTATION, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../patterns/audit';
import { entry } from '../model/string-map';

/** Options of `generateTypeScript`. */
export interface ImportOptions {
  /**
   * The module the constructs are imported from.
   * @default 'cdk8s-netpol'
   */
  readonly library?: string;
  /**
   * Where the pattern constructs (DatabaseTier, AllowMonitoringScrape, ...) are used: `exact`
   * only where they write the policy exactly, metadata included, so the program writes the same
   * policies; `add-metadata` also where they add metadata (their pattern label; managed-by and
   * intent too where the input has audit metadata; a note per policy lists what is added);
   * `none` never. The audit metadata of the core constructs is turned off wherever the input
   * has none, so they never add it.
   * @default 'exact'
   */
  readonly patterns?: PatternUse;
  /** Where each policy came from (`namespace/name` -> text for a comment, e.g. `a.yaml, document 2`). */
  readonly origins?: { [policyId: string]: string };
  /** Names of the inputs, for the header comment. */
  readonly sources?: string[];
  /** ClusterNetworkPolicies (and v1alpha1 AdminNetworkPolicy/BaselineAdminNetworkPolicy), written in one chart without namespace. */
  readonly clusterPolicies?: ClusterPolicyInput[];
}

/** The generated program and the notes about what was rewritten on the way. */
export interface ImportResult {
  readonly source: string;
  /** Warnings about policies written differently but with the same meaning, each naming its policy and field. */
  readonly notes: Issue[];
  /** How many policies each construct writes, e.g. `{ DefaultDeny: 1, AllowFrom: 3 }`. */
  readonly constructs: { [construct: string]: number };
  /**
   * Every identifier the program writes outside string literals, comments and the input's own
   * object keys: the generator's words and the chart variables it made (sorted).
   */
  readonly identifiers: string[];
}

/** Identifiers the generated code may use, and the module each comes from. */
const LIBRARY_NAMES = [
  'AllowDns', 'AllowFrom', 'AllowFromIngressController', 'AllowInternetEgress', 'AllowMonitoringScrape', 'AllowSameNamespace',
  'AllowTo', 'DatabaseTier', 'DefaultDeny', 'Direction', 'LabelSelector', 'NetworkPolicy', 'Peer', 'PolicyType', 'Port',
  'PolicyMetadata', 'Protocol', 'Rule', 'Select', 'SelectorOperator',
];

const RESERVED = new Set(('break case catch class const continue debugger default delete do else enum export extends false finally '
  + 'for function if implements import in instanceof interface let new null package private protected public return static super '
  + 'switch this throw true try typeof var void while with yield await async of app arguments eval undefined NaN Infinity '
  + 'globalThis require exports module __filename __dirname').split(' '));

/**
 * A cdk8s program (TypeScript) that synthesizes the given NetworkPolicies with the library's
 * constructs: one Chart per namespace, one construct per policy, each policy's name kept.
 */
export function generateTypeScript(specs: PolicySpec[], options: ImportOptions = {}): ImportResult {
  const notes: Issue[] = [];
  const constructs: { [c: string]: number } = {};
  const byNamespace = new Map<string, PolicySpec[]>();
  for (const spec of specs) byNamespace.set(spec.namespace, [...(byNamespace.get(spec.namespace) ?? []), spec]);
  const namespaces = [...byNamespace.keys()].sort();
  const variables = chartVariables(namespaces);
  // Every identifier written outside a literal or comment is collected here, from the code trees.
  const words = new Set(TEMPLATE_WORDS);
  // The constructs write audit metadata by default: the program turns it off where the input has
  // none, App-wide when no policy has it, so that synthesizing it changes nothing.
  const clusterInputs = options.clusterPolicies ?? [];
  const audited = specs.some(carriesAudit) || clusterInputs.some(carriesClusterAudit);
  if (!audited) for (const w of AUDIT_OFF_WORDS) words.add(w);

  const body: string[] = [];
  for (const ns of namespaces) {
    const v = variables.get(ns)!;
    words.add(v);
    body.push('', `const ${v} = new Chart(app, ${literal(ns)}, { namespace: ${literal(ns)} });`);
    for (const spec of byNamespace.get(ns)!) {
      const found: Issue[] = [];
      const audit = !audited ? 'app-off' : carriesAudit(spec) ? 'on' : 'construct-off';
      const c = policyCall(spec, found, { patterns: options.patterns, audit });
      constructs[c.construct] = (constructs[c.construct] ?? 0) + 1;
      for (const n of dedupe(found)) notes.push({ ...n, object: `NetworkPolicy ${spec.id}` });
      const origin = options.origins?.[spec.id];
      if (origin) body.push(comment(origin));
      for (const n of dedupe(found)) body.push(comment(`note: ${n.field}: ${n.message}`));
      words.add(c.construct);
      if (c.props) identifiers(c.props, words);
      body.push(`${constructCode(c, v)};`);
    }
  }
  const cluster = clusterPolicyProgram(clusterInputs, options.origins, { auditOff: (c) => audited && !carriesClusterAudit(c) });
  if (cluster.count > 0) constructs.ClusterNetworkPolicy = cluster.count;
  notes.push(...cluster.notes);
  cluster.words.forEach((w) => words.add(w));
  body.push(...cluster.body, '', 'app.synth();', '');
  const used = [...LIBRARY_NAMES, ...CLUSTER_LIBRARY_NAMES].sort().filter((n) => words.has(n));
  const from = options.sources && options.sources.length > 0 ? ` from ${options.sources.join(', ')}` : '';
  const layout = cluster.count > 0 ? 'One Chart per namespace and one for the cluster-scoped policies, one construct per policy'
    : 'One Chart per namespace, one construct per NetworkPolicy';
  const header = [
    comment(`Generated by \`netpol import\`${from}.`),
    notes.some((n) => n.code === PATTERN_METADATA_CODE)
      ? `// ${layout}; synthesizing it writes the same policies,\n`
        + '// plus the metadata a pattern construct adds where a note says so.'
      : `// ${layout}; synthesizing it writes the same policies.`,
    ...(audited && (specs.some((s) => !carriesAudit(s)) || clusterInputs.some((c) => !carriesClusterAudit(c)))
      ? [`// Policies without the audit metadata (${MANAGED_BY_LABEL}: ${MANAGED_BY_VALUE}, ${INTENT_ANNOTATION}) get \`auditMetadata: false\`.`]
      : []),
    `import { App, Chart } from ${literal('cdk8s')};`,
    importLine(used, options.library ?? 'cdk8s-netpol'),
    '',
    'const app = new App();',
    ...(audited ? [] : [
      `// The input carries no audit metadata (${MANAGED_BY_LABEL}, ${INTENT_ANNOTATION}): none is added.`,
      'PolicyMetadata.of(app).configure({ audit: false });',
    ]),
  ];
  return { source: [...header, ...body].join('\n'), notes, constructs, identifiers: [...words].sort() };
}

/** The identifiers the program's fixed lines write (imports, app, chart options, synth). */
const TEMPLATE_WORDS = ['App', 'Chart', 'app', 'namespace', 'synth'];
/** Those of the line turning the audit metadata off. */
const AUDIT_OFF_WORDS = ['PolicyMetadata', 'of', 'configure', 'audit', 'false'];

/** Whether a policy carries the audit metadata this library writes (so the constructs may write it). */
function carriesAudit(spec: PolicySpec): boolean {
  return entry(spec.labels, MANAGED_BY_LABEL) === MANAGED_BY_VALUE && entry(spec.annotations, INTENT_ANNOTATION) !== undefined;
}

function constructCode(c: ConstructCall, scope: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(c.construct)) throw new Error(`import: not a construct name: ${JSON.stringify(c.construct)}`);
  const head = `new ${c.construct}(${scope}, ${literal(c.id)}`;
  if (!c.props) return `${head})`;
  return `${head}, ${pretty(c.props, head.length + 2, 0)})`;
}

function importLine(names: string[], library: string): string {
  const one = `import { ${names.join(', ')} } from ${literal(library)};`;
  if (one.length <= 100) return one;
  return `import {\n${names.map((n) => `  ${n},\n`).join('')}} from ${literal(library)};`;
}

/** A camelCase variable per namespace (`kube-system` -> `kubeSystem`), never a reserved word, unique. */
function chartVariables(namespaces: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const ns of namespaces) {
    // Only [A-Za-z0-9] survive from the input: the variable can be nothing but a plain identifier.
    let v = ns.replace(/[-.]+([a-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
    if (/^[0-9]/.test(v) || v === '') v = `ns${v}`;
    if (RESERVED.has(v) || LIBRARY_NAMES.includes(v) || TEMPLATE_WORDS.includes(v) || v === CLUSTER_CHART_VARIABLE) v = `${v}Ns`;
    let unique = v;
    for (let k = 2; taken.has(unique); k++) unique = `${v}${k}`;
    taken.add(unique);
    out.set(ns, unique);
  }
  return out;
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.field}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
