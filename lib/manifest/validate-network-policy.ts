import { Issue, PolicyType, Severity } from '../model';
import { BAD, JsonDecoder, JsonObject, child, index, toPlainJson, withoutHint } from './validate-decode';
import { decodeMetadata, validateMetadata, validateMetadataUpdate } from './validate-metadata';
import { PeerValidationOptions, validatePeerJson } from './validate-peer';
import { validatePortJson } from './validate-port';
import { decodeSelector, validateSelector } from './validate-selector';
import { quote } from '../model/validation/quote';

// Validation of a raw NetworkPolicy object exactly as the API server does it on create and update
// (oracle/VALIDATION.md V-1..V-27), preceded by what its decoder rejects (wrong JSON types,
// unknown fields). Every problem is returned as an Issue; nothing here throws.

/** Options of `validateNetworkPolicyJson`. */
export interface NetworkPolicyValidationOptions {
  /**
   * Report a missing `metadata.namespace` as an error. By default it is info: kubectl and the
   * request path fill it in, so a manifest may omit it (V-3).
   * @default false
   */
  readonly requireNamespace?: boolean;
  /**
   * Report non-canonical CIDRs (host bits, leading zeros, IPv4-mapped) as errors, as the
   * `StrictIPCIDRValidation` feature gate does. By default they are warnings (V-22).
   * @default false
   */
  readonly strictCidr?: boolean;
}

const TOP_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'] as const;
const SPEC_FIELDS = ['podSelector', 'ingress', 'egress', 'policyTypes'] as const;
const TOP_HINTS = {
  // Kubernetes 1.24-1.27 had an alpha NetworkPolicy status (withdrawn in 1.28, kubernetes#115843):
  // exports from those clusters carry `status: {}`, which kubectl's strict validation now rejects.
  status: 'NetworkPolicy has had no status since Kubernetes 1.28 (it was an alpha field of 1.24-1.27, often left as `status: {}` by exports); remove it',
  podSelector: 'podSelector goes under spec',
  ingress: 'ingress goes under spec',
  egress: 'egress goes under spec',
  policyTypes: 'policyTypes goes under spec',
};
const SPEC_HINTS = {
  namespace: 'the namespace goes in metadata.namespace',
  from: 'peers go inside a rule: ingress: [{from: [...]}]',
  to: 'peers go inside a rule: egress: [{to: [...]}]',
  ports: 'ports go inside a rule: ingress: [{ports: [...]}]',
  selector: 'did you mean "podSelector"?',
};
const INGRESS_RULE_FIELDS = ['from', 'ports'] as const;
const EGRESS_RULE_FIELDS = ['to', 'ports'] as const;
const DIRECTIONS = [['ingress', 'from'], ['egress', 'to']] as const;
const API_VERSION = 'networking.k8s.io/v1';
const NO_EXTRA: SpecOptions = {};
const POLICY_TYPES: string[] = [PolicyType.INGRESS, PolicyType.EGRESS];

interface SpecOptions extends PeerValidationOptions {
  readonly update?: boolean;
}

/**
 * Every problem the API server (and its decoder) would report for this object on create, as
 * Issues with the field path and message of VALIDATION.md; `code` is the rule id (`V-21`),
 * `decode-error` for a value of the wrong JSON type, `unknown-field` (warning) for a field
 * Kubernetes does not know. Accepts any value; never throws.
 */
export function validateNetworkPolicyJson(obj: unknown, options: NetworkPolicyValidationOptions = {}): Issue[] {
  try {
    const issues = validate(toPlainJson(obj), options, NO_EXTRA);
    return issues.length === 0 ? issues : issues.map(withoutHint);
  } catch (e) {
    return [internalError(e)];
  }
}

/**
 * Problems of an update from `oldObj` to `newObj` (`ValidateNetworkPolicyUpdate`): name and
 * namespace are immutable (V-27); the spec is validated as on create, except that cidr/except
 * strings already in the old object are accepted unchanged, and invalid label values in
 * selector expressions are tolerated when the old `spec.podSelector` already failed validation.
 */
export function validateNetworkPolicyUpdate(oldObj: unknown, newObj: unknown, options: NetworkPolicyValidationOptions = {}): Issue[] {
  try {
    oldObj = toPlainJson(oldObj);
    newObj = toPlainJson(newObj);
    const old = new JsonDecoder();
    const oldRoot = asObject(oldObj);
    const oldMeta = decodeMetadata(old, oldRoot.metadata).meta;
    const oldSpec = asObject(oldRoot.spec);
    const oldSelector = decodeSelector(old, oldSpec.podSelector, 'spec.podSelector', 'pod');
    const oldSelectorInvalid = oldSelector !== undefined && oldSelector !== BAD && validateSelector(oldSelector, 'spec.podSelector').length > 0;
    const extra: SpecOptions = {
      update: true,
      allowCidrs: new Set(collectCidrs(oldSpec)),
      allowInvalidLabelValues: oldSelectorInvalid,
    };
    const d = new JsonDecoder();
    const newMeta = decodeMetadata(d, asObject(newObj).metadata).meta;
    return [...validateMetadataUpdate(oldMeta, newMeta), ...validate(newObj, options, extra)].map(withoutHint);
  } catch (e) {
    return [internalError(e)];
  }
}

function validate(obj: unknown, options: NetworkPolicyValidationOptions, extra: SpecOptions): Issue[] {
  const d = new JsonDecoder();
  const root = d.object(obj, '', 'a NetworkPolicy object');
  if (root === undefined) {
    return [{ code: 'decode-error', severity: Severity.ERROR, message: 'Invalid type: expected a NetworkPolicy object, got null' }];
  }
  if (root === BAD) return d.issues;
  d.unknownFields(root, '', TOP_FIELDS, TOP_HINTS);
  const issues: Issue[] = [...typeMeta(d, root)];
  const meta = decodeMetadata(d, root.metadata);
  issues.push(...validateMetadata(meta, { requireNamespace: options.requireNamespace, update: extra.update }));
  issues.push(...validateSpec(d, root.spec, { ...extra, strictCidr: options.strictCidr }));
  // Decode problems first: the API server reports them before (instead of) validation.
  return d.issues.length === 0 ? issues : [...d.issues, ...issues];
}

/** `apiVersion` and `kind`: NetworkPolicy is served only as networking.k8s.io/v1. */
function typeMeta(d: JsonDecoder, root: JsonObject): Issue[] {
  const issues: Issue[] = [];
  const apiVersion = d.string(root.apiVersion, 'apiVersion');
  const kind = d.string(root.kind, 'kind');
  if (kind === undefined || kind === '') {
    issues.push({ code: 'decode-error', severity: Severity.ERROR, field: 'kind', message: 'Required value: kind not set', hint: 'kind: NetworkPolicy' });
  } else if (kind !== BAD && kind !== 'NetworkPolicy') {
    issues.push({
      code: 'decode-error', severity: Severity.ERROR, field: 'kind',
      message: `Invalid value: ${quote(kind)}: expected "NetworkPolicy"`,
      ...(kind.toLowerCase() === 'networkpolicy' ? { hint: 'did you mean "NetworkPolicy"?' } : {}),
    });
  }
  if (apiVersion === undefined || apiVersion === '') {
    issues.push({ code: 'decode-error', severity: Severity.ERROR, field: 'apiVersion', message: 'Required value: apiVersion not set', hint: `apiVersion: ${API_VERSION}` });
  } else if (apiVersion !== BAD && apiVersion !== API_VERSION) {
    issues.push({
      code: 'decode-error', severity: Severity.ERROR, field: 'apiVersion',
      message: `Invalid value: ${quote(apiVersion)}: no matches for kind "NetworkPolicy" in version ${JSON.stringify(apiVersion)}`,
      hint: `use apiVersion: ${API_VERSION} (extensions/v1beta1 and networking.k8s.io/v1beta1 were removed)`,
    });
  }
  return issues;
}

/** `ValidateNetworkPolicySpec`: podSelector, each rule's ports then peers, then policyTypes. */
function validateSpec(d: JsonDecoder, raw: unknown, options: SpecOptions): Issue[] {
  const spec = d.object(raw, 'spec', 'an object');
  if (spec === undefined || spec === BAD) return [];
  d.unknownFields(spec, 'spec', SPEC_FIELDS, SPEC_HINTS);
  const issues: Issue[] = [];
  const selector = decodeSelector(d, spec.podSelector, 'spec.podSelector', 'pod');
  if (selector !== undefined && selector !== BAD) issues.push(...validateSelector(selector, 'spec.podSelector', options));
  for (const [key, peerKey] of DIRECTIONS) {
    const path = child('spec', key);
    const rules = d.list(spec[key], path, `a list of ${key} rules`, isPlainObject(spec[key])
      ? `${key} is a list of rules: write "${key}:" then "- ${peerKey}: ..." (or "- ports: ...")`
      : undefined);
    if (rules === undefined || rules === BAD) continue;
    rules.forEach((rule, i) => issues.push(...validateRule(d, rule, index(path, i), key, peerKey, options)));
  }
  issues.push(...validatePolicyTypes(d, spec.policyTypes));
  return issues;
}

function validateRule(d: JsonDecoder, raw: unknown, path: string, direction: string, peerKey: string, options: SpecOptions): Issue[] {
  const everything = direction === 'ingress' ? 'every source' : 'every destination';
  if (raw === null || raw === undefined) {
    d.nullValue(path, `an empty entry is read as the rule {}, which allows ${everything} on every port`,
      'remove the empty "-" entry, or write {} if allowing everything is meant');
    return [];
  }
  const rule = d.object(raw, path, `an ${direction} rule object {${peerKey}, ports}`);
  if (rule === undefined || rule === BAD) return [];
  const other = peerKey === 'from' ? 'to' : 'from';
  d.unknownFields(rule, path, peerKey === 'from' ? INGRESS_RULE_FIELDS : EGRESS_RULE_FIELDS, () => {
    const misplaced = `peers go under \`${peerKey}\`: - ${peerKey}: [{...}]; as written the rule has no \`${peerKey}\` and allows ${everything}`;
    return {
      [other]: `${direction} rules list their peers under \`${peerKey}\`; as written \`${other}\` is dropped and the rule allows ${everything}`,
      podSelector: misplaced,
      namespaceSelector: misplaced,
      ipBlock: misplaced,
      port: 'did you mean "ports"? (a list: ports: [{port: 80}])',
    };
  });
  const issues: Issue[] = [];
  // ValidateNetworkPolicySpec checks a rule's ports before its peers.
  const portsPath = child(path, 'ports');
  const ports = d.list(rule.ports, portsPath, 'a list of ports');
  if (ports !== undefined && ports !== BAD) ports.forEach((p, k) => issues.push(...validatePortJson(d, p, index(portsPath, k))));
  const peersPath = child(path, peerKey);
  const peers = d.list(rule[peerKey], peersPath, 'a list of peers');
  if (peers !== undefined && peers !== BAD) peers.forEach((p, j) => issues.push(...validatePeerJson(d, p, index(peersPath, j), peerKey, options)));
  return issues;
}

/** V-25 (at most two; stops there) and V-26 (each exactly Ingress or Egress). */
function validatePolicyTypes(d: JsonDecoder, raw: unknown): Issue[] {
  const path = 'spec.policyTypes';
  const list = d.list(raw, path, 'a list of policy types', typeof raw === 'string' ? `it must be a list: policyTypes: [${raw}]` : undefined);
  if (list === undefined || list === BAD) return [];
  if (list.length > POLICY_TYPES.length) {
    return [{
      code: 'V-25', severity: Severity.ERROR, field: path,
      message: `Invalid value: ${quote(list)}: may not specify more than two policyTypes`,
      hint: 'list each of Ingress and Egress at most once',
    }];
  }
  const issues: Issue[] = [];
  list.forEach((item, i) => {
    const value = item === null ? '' : d.string(item, index(path, i));
    if (value === undefined || value === BAD || POLICY_TYPES.includes(value)) return;
    const fix = POLICY_TYPES.find((t) => t.toLowerCase() === value.trim().toLowerCase());
    issues.push({
      code: 'V-26', severity: Severity.ERROR, field: index(path, i),
      message: `Unsupported value: ${quote(value)}: supported values: "Ingress", "Egress"`,
      hint: fix ? `did you mean "${fix}"?` : 'use "Ingress" or "Egress"',
    });
  });
  return issues;
}

/** Every cidr and except string of the old object's ipBlocks (`AllowCIDRsEvenIfInvalid`). */
function collectCidrs(spec: JsonObject): string[] {
  const out: string[] = [];
  for (const [key, peerKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    for (const rule of asArray(spec[key])) {
      for (const peer of asArray(asObject(rule)[peerKey])) {
        const block = asObject(asObject(peer).ipBlock);
        if (typeof block.cidr === 'string') out.push(block.cidr);
        for (const e of asArray(block.except)) if (typeof e === 'string') out.push(e);
      }
    }
  }
  return out;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): JsonObject {
  return isPlainObject(value) ? value : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A bug of ours must not surface as a crash of the caller. */
function internalError(e: unknown): Issue {
  return {
    code: 'internal-error',
    severity: Severity.ERROR,
    message: `validation failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`,
    hint: 'please report this with the manifest that caused it',
  };
}
