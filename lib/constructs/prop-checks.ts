import { Issue, Port, Rule, Severity } from '../model';
import { Schema, arrayOf, either, instanceOf, isBoolean, isString, labelMap, optional, stringMap } from '../model/props-check';
import { isPeerLike, isTargetLike } from './interop/accept';
import { dns1123LabelErrors, labelKeyErrors, labelKeyHint, labelValueErrors, labelValueHint, namespaceHint } from '../model/validation';
import { throwIfErrors } from '../model/validation-error';

// The run-time shape checks of construct props (model/props-check.ts) share these fields: a
// construct reports a failed check as a synth error, `[path] props.direction: Invalid value: ...`.

/** What a policy construct accepts as the pods it applies to (interop/accept.ts `toSelect`). */
export const TARGET = either('Select.pods(...), Select.allPods(), a cdk8s-plus workload, Pod, Pods or Namespace', isTargetLike);

/** What a policy construct accepts as a peer (interop/accept.ts `toPeer`). */
export const PEER = either('a Peer (Peer.pods(...), Peer.namespace(...), Peer.ipBlock(...)), a cdk8s-plus workload, Pod, Pods or Namespace', isPeerLike);

/** A list of peers. */
export const PEERS = arrayOf(PEER, 'peers');

/** One port. */
export const PORT = instanceOf(Port, 'a Port (Port.tcp(...), Port.named(...))');

/** A list of ports. */
export const PORTS = arrayOf(PORT, 'Port');

/** A list of rules. */
export const RULES = arrayOf(instanceOf(Rule, 'a Rule (Rule.allow(...))'), 'Rule');

/** A list of strings. */
export const STRINGS = arrayOf(isString, 'strings');

/** The fields of PolicyOptions, which every policy construct's props extend. */
export const POLICY_OPTIONS: Schema = {
  name: optional(isString),
  namespace: optional(isString),
  labels: optional(labelMap),
  annotations: optional(stringMap),
  auditMetadata: optional(isBoolean, 'audit'),
};

/** The DNS location fields most patterns share. */
export const DNS_OPTIONS: Schema = {
  dnsNamespace: optional(isString),
  dnsLabels: optional(labelMap),
};

// Checks of plain construct props (a namespace name, a label map) that the constructs turn into
// selectors. Done before the selectors are built, so that the synth error names the prop the user
// wrote (`dnsNamespace: Invalid value: "Kube-System": ... (did you mean "kube-system"?)`) rather
// than a field of the selector built from it. cdk8s adds the construct path in front.

/**
 * A namespace name given as a prop. Peers match it through the `kubernetes.io/metadata.name`
 * label the control plane sets to the namespace's name (docs/semantics.md rule 20), so it must be a
 * valid namespace name (an RFC 1123 label, V-3) or it matches nothing.
 */
export function checkNamespaceProp(field: string, value: string | undefined): void {
  if (value === undefined) return;
  const issues: Issue[] = dns1123LabelErrors(value).map((m) => issue('V-3', field, `Invalid value: ${JSON.stringify(value)}: ${m}`, namespaceHint(value)));
  throwIfErrors(issues);
}

/** A label map given as a prop: keys and values follow the label syntax (V-5, V-6). */
export function checkLabelsProp(field: string, labels: { [key: string]: string } | undefined): void {
  if (labels === undefined) return;
  const issues: Issue[] = [];
  for (const [k, v] of Object.entries(labels)) {
    for (const m of labelKeyErrors(k)) issues.push(issue('V-5', field, `Invalid value: ${JSON.stringify(k)}: ${m}`, labelKeyHint(k)));
    for (const m of labelValueErrors(String(v))) issues.push(issue('V-6', field, `Invalid value: ${JSON.stringify(v)}: ${m}`, labelValueHint(String(v))));
  }
  throwIfErrors(issues);
}

/** The DNS location props most patterns share. */
export function checkDnsProps(props: { readonly dnsNamespace?: string; readonly dnsLabels?: { [key: string]: string } }): void {
  checkNamespaceProp('dnsNamespace', props.dnsNamespace);
  checkLabelsProp('dnsLabels', props.dnsLabels);
}

function issue(code: string, field: string, message: string, hint: string | undefined): Issue {
  return hint === undefined
    ? { code, severity: Severity.ERROR, field, message }
    : { code, severity: Severity.ERROR, field, message, hint };
}
