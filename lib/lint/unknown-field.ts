import { Issue, Severity } from '../model';
import { LintPolicy, LintRule, RuleContext, policyIssue } from './lint-context';
import { asObject } from './support/effective-types';
import { editDistance } from './support/selectors';

/** networking.k8s.io/v1 NetworkPolicy fields, per object type (kubernetes/api networking/v1 types.go). */
type Shape = { [field: string]: Shape | 'leaf' | 'any' | ['list', Shape | 'leaf'] };
const SELECTOR: Shape = {
  matchLabels: 'any',
  matchExpressions: ['list', { key: 'leaf', operator: 'leaf', values: 'leaf' }],
};
const PEER: Shape = { podSelector: SELECTOR, namespaceSelector: SELECTOR, ipBlock: { cidr: 'leaf', except: 'leaf' } };
const PORT: Shape = { protocol: 'leaf', port: 'leaf', endPort: 'leaf' };
const METADATA_FIELDS = ['name', 'generateName', 'namespace', 'labels', 'annotations', 'uid', 'resourceVersion', 'generation',
  'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'finalizers', 'managedFields', 'selfLink'];
const NETWORK_POLICY: Shape = {
  apiVersion: 'leaf',
  kind: 'leaf',
  metadata: Object.fromEntries(METADATA_FIELDS.map((f) => [f, 'any'])) as Shape,
  spec: {
    podSelector: SELECTOR,
    policyTypes: 'leaf',
    ingress: ['list', { from: ['list', PEER], ports: ['list', PORT] }],
    egress: ['list', { to: ['list', PEER], ports: ['list', PORT] }],
  },
  // Not a field since 1.28; the decoder reports it (a warning, with its history), not this rule.
  status: 'any',
};

export const unknownField: LintRule = {
  id: 'unknown-field',
  severity: Severity.ERROR,
  summary: 'A field the NetworkPolicy API does not know (e.g. `podSelectr`).',
  description:
    'The API server does not know misspelled or misplaced fields such as `podSelectr`, `ipblock`, '
    + '`ingres`, `from` inside an egress rule, or a label written beside `matchLabels` instead of under '
    + 'it. kubectl\'s default strict validation rejects the object; other clients (and `--validate=false`) '
    + 'drop the field silently, and the policy then means something else: without `podSelector` it '
    + 'selects every pod of the namespace, without `ingress` it denies all ingress. Fix the spelling or '
    + 'the indentation. Only read manifests are checked (synthesized policies have no such fields).',
  check(context: RuleContext): Issue[] {
    const issues: Issue[] = [];
    for (const policy of context.policies) {
      if (policy.json !== undefined) walk(this, policy, policy.json, NETWORK_POLICY, [], issues);
    }
    return issues;
  },
};

/**
 * Reports the unknown keys under `value`. The field path is kept as parts (`spec`, `.ingress`,
 * `[0]`) and joined only for a finding: this walks every object of every policy read.
 */
function walk(rule: LintRule, policy: LintPolicy, value: unknown, shape: Shape, parts: string[], issues: Issue[]): void {
  const obj = asObject(value);
  if (!obj) return; // wrong types are validation's business
  for (const key of Object.keys(obj)) {
    const expected = shape[key];
    if (expected === 'leaf' || expected === 'any') continue; // most keys: nothing to walk
    const child = obj[key];
    parts.push(parts.length === 0 ? key : `.${key}`);
    if (expected === undefined) {
      const path = parts.slice(0, -1).join('');
      issues.push(policyIssue(rule, policy, parts.join(''), `unknown field ${JSON.stringify(key)} in ${path || 'the object'}: the API server rejects it (kubectl) or drops it silently`, hintFor(key, shape, path)));
    } else if (Array.isArray(expected)) {
      const item = expected[1];
      if (Array.isArray(child) && item !== 'leaf') {
        for (let i = 0; i < child.length; i++) {
          parts.push(`[${i}]`);
          walk(rule, policy, child[i], item, parts, issues);
          parts.pop();
        }
      }
    } else {
      walk(rule, policy, child, expected, parts, issues);
    }
    parts.pop();
  }
}

function hintFor(key: string, shape: Shape, path: string): string | undefined {
  const known = Object.keys(shape);
  const near = known
    .map((k) => ({ k, d: k.toLowerCase() === key.toLowerCase() ? 0 : editDistance(k.toLowerCase(), key.toLowerCase()) }))
    .filter((c) => c.d <= Math.max(2, Math.floor(key.length / 4)))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k));
  if (near.length > 0) return `did you mean ${JSON.stringify(near[0].k)}?`;
  if (key === 'from' && 'to' in shape) return 'egress rules list their peers under `to`';
  if (key === 'to' && 'from' in shape) return 'ingress rules list their peers under `from`';
  if ('matchLabels' in shape) return `labels go under matchLabels: indent ${JSON.stringify(key)} one level deeper`;
  if (/\.(from|to)\[\d+\]$/.test(path)) return 'a peer has only podSelector, namespaceSelector or ipBlock';
  return `known fields here: ${known.join(', ')}`;
}
