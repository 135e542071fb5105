import { Issue, Severity } from '../model';
import {
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  labelKeyErrors,
  labelKeyHint,
  labelValueErrors,
  labelValueHint,
  nameHint,
  namespaceHint,
} from '../model/validation';
import { quote } from '../model/validation/quote';

// ObjectMeta checks for the Pods, workloads and Namespaces the analyzer reads: the API server's
// `ValidateObjectMeta` (messages as in VALIDATION.md V-1..V-4, which hold for every kind). An
// object failing them could not exist in a cluster, so it is reported and not analyzed.

/** How a kind's name is validated: Namespace names are DNS-1123 labels, Pod and workload names subdomains. */
export type NameRule = 'label' | 'subdomain';

/** The name rule of a kind the analyzer reads. */
export function nameRuleOf(kind: string): NameRule {
  // ValidateNamespaceName is IsDNS1123Label; ValidatePodName and the apps/batch workloads' name
  // checks are NameIsDNSSubdomain.
  return kind === 'Namespace' ? 'label' : 'subdomain';
}

/**
 * V-1/V-2 (V-3 for Namespace objects): `metadata.name` present (or `generateName`, whose prefix
 * is checked) and valid for the kind.
 */
export function nameIssues(name: unknown, generateName: unknown, rule: NameRule): Issue[] {
  const issues: Issue[] = [];
  const code = rule === 'label' ? 'V-3' : 'V-2';
  const errorsOf = rule === 'label' ? dns1123LabelErrors : dns1123SubdomainErrors;
  if (name === undefined || name === null || name === '') {
    if (typeof generateName === 'string' && generateName) {
      // NameIsDNS*(prefix=true) masks one trailing '-' (the generator appends a suffix).
      const masked = generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
      for (const m of errorsOf(masked)) issues.push(err(code, 'metadata.generateName', `Invalid value: ${quote(generateName)}: ${m}`));
      return issues;
    }
    issues.push(err('V-1', 'metadata.name', 'Required value: name or generateName is required', 'set metadata.name'));
    return issues;
  }
  if (typeof name !== 'string') {
    issues.push(err('read-shape', 'metadata.name', `expected a string, got ${typeof name} ${quote(name)}`));
    return issues;
  }
  const hint = rule === 'label' ? namespaceHint(name) : nameHint(name);
  for (const m of errorsOf(name)) issues.push(err(code, 'metadata.name', `Invalid value: ${quote(name)}: ${m}`, hint));
  return issues;
}

/** V-3: the `metadata.namespace` of a namespaced object, when written, is a DNS-1123 label. */
export function namespaceIssues(namespace: unknown): Issue[] {
  if (namespace === undefined || namespace === null || namespace === '') return [];
  if (typeof namespace !== 'string') return [err('read-shape', 'metadata.namespace', `expected a string, got ${typeof namespace} ${quote(namespace)}`)];
  return dns1123LabelErrors(namespace).map((m) => err('V-3', 'metadata.namespace', `Invalid value: ${quote(namespace)}: ${m}`, namespaceHint(namespace)));
}

/**
 * V-4 (`ValidateLabels`): every key a qualified name, every value a label value. The path is the
 * map (`metadata.labels`, `spec.template.metadata.labels`), as the API server reports it.
 */
export function labelMapIssues(labels: { [key: string]: string }, field: string): Issue[] {
  const issues: Issue[] = [];
  for (const k of Object.keys(labels)) {
    const v = labels[k];
    for (const m of labelKeyErrors(k)) issues.push(err('V-4', field, `Invalid value: ${quote(k)}: ${m}`, labelKeyHint(k)));
    for (const m of labelValueErrors(v)) issues.push(err('V-4', field, `Invalid value: ${quote(v)}: ${m}`, labelValueHint(v)));
  }
  return issues;
}

function err(code: string, field: string, message: string, hint?: string): Issue {
  return hint === undefined ? { code, severity: Severity.ERROR, field, message } : { code, severity: Severity.ERROR, field, message, hint };
}
