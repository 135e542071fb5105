import { Issue, LabelSelector, Protocol, Severity } from '../../model';
import { parseCidr } from '../../model/validation';
import { BAD, JsonDecoder, JsonObject, child, index } from '../../manifest/validate-decode';
import { nameIssues } from '../../manifest/validate-object-meta';
import { decodeSelector, validateSelector } from '../../manifest/validate-selector';
import { CnpAction, CnpPeer, CnpPodSet, CnpPort, CnpRule, CnpSource, CnpSpec, CnpTier } from './model';

// Reads ClusterNetworkPolicy (v1alpha2) and v1alpha1 AdminNetworkPolicy /
// BaselineAdminNetworkPolicy objects, checking what their CRD schemas and CEL rules enforce
// (required fields, one field per peer, subject and protocol, list sizes, port ranges, CIDR
// form, the channel's peers), with the API server's messages. Never throws.

/** The group of all three kinds. */
export const CNP_API_VERSIONS: { [kind: string]: string } = {
  ClusterNetworkPolicy: 'policy.networking.k8s.io/v1alpha2',
  AdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
  BaselineAdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
};

/** Which CRD channel the cluster installed (experimental adds `nodes` and `domainNames` peers). */
export type CnpChannel = 'standard' | 'experimental';

export interface ReadCnpOptions {
  /** @default 'experimental' when reading (accept what either channel accepts, flagging experimental peers) */
  readonly channel?: CnpChannel;
}

/** The policy (undefined when it cannot be used) and every problem found. */
export interface ReadCnpResult {
  readonly spec?: CnpSpec;
  readonly issues: Issue[];
}

/** The experimental CRD's pattern for a domainNames entry (its `A-z` ranges kept as written). */
const DOMAIN_NAME = /^(\*\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;

const PROTOCOL_FIELDS: { [field: string]: Protocol } = { tcp: Protocol.TCP, udp: Protocol.UDP, sctp: Protocol.SCTP };

/** Reads one object of kind ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy. */
export function readClusterPolicy(json: JsonObject, opts: ReadCnpOptions = {}): ReadCnpResult {
  const source = json.kind as CnpSource;
  const v1 = source !== 'ClusterNetworkPolicy';
  const d = new JsonDecoder();
  const issues = d.issues;
  const err = (field: string, message: string, hint?: string, code = 'cnp-invalid') =>
    issues.push(hint ? { code, severity: Severity.ERROR, field, message, hint } : { code, severity: Severity.ERROR, field, message });
  const meta = d.object(json.metadata, 'metadata', 'an object');
  const metadata: JsonObject = meta === undefined || meta === BAD ? {} : meta;
  // Custom resource names are DNS-1123 subdomains (the API server's NameIsDNSSubdomain); an
  // object with generateName only is known by that prefix.
  for (const i of nameIssues(metadata.name, metadata.generateName, 'subdomain')) issues.push({ ...i, code: 'cnp-invalid' });
  const name = typeof metadata.name === 'string' && metadata.name ? metadata.name : typeof metadata.generateName === 'string' ? metadata.generateName : '';
  if (metadata.namespace !== undefined) {
    err('metadata.namespace', `Forbidden: not allowed on this type: ${source} is cluster-scoped`, 'remove metadata.namespace');
  }
  // BANP is a singleton whose name must be "default" (its CRD's CEL rule).
  if (source === 'BaselineAdminNetworkPolicy' && name && name !== 'default') {
    err('metadata.name', `Invalid value: ${JSON.stringify(name)}: Only one baseline admin network policy with metadata.name="default" can be created in the cluster`, 'name it default');
  }
  const spec = d.object(json.spec, 'spec', 'an object');
  if (spec === undefined || spec === BAD) {
    if (spec === undefined) err('spec', 'Required value');
    return { issues };
  }
  const known = source === 'ClusterNetworkPolicy' ? ['tier', 'priority', 'subject', 'ingress', 'egress']
    : source === 'AdminNetworkPolicy' ? ['priority', 'subject', 'ingress', 'egress'] : ['subject', 'ingress', 'egress'];
  d.unknownFields(spec, 'spec', known);

  let tier: CnpTier = source === 'BaselineAdminNetworkPolicy' ? CnpTier.BASELINE : CnpTier.ADMIN;
  if (source === 'ClusterNetworkPolicy') {
    const t = d.string(spec.tier, 'spec.tier');
    if (t === undefined) err('spec.tier', 'Required value');
    else if (t !== BAD && t !== CnpTier.ADMIN && t !== CnpTier.BASELINE) {
      err('spec.tier', `Unsupported value: ${JSON.stringify(t)}: supported values: "Admin", "Baseline"`, hintCase(t, ['Admin', 'Baseline']));
    } else if (t !== BAD) tier = t;
  }
  let priority = 0;
  if (source !== 'BaselineAdminNetworkPolicy') {
    const p = d.int32(spec.priority, 'spec.priority');
    if (p === undefined) err('spec.priority', 'Required value');
    else if (p !== BAD && (p < 0 || p > 1000)) err('spec.priority', `Invalid value: ${p}: spec.priority in body should be ${p < 0 ? 'greater than or equal to 0' : 'less than or equal to 1000'}`);
    else if (p !== BAD) priority = p;
  }
  const subject = readPodSet(d, spec.subject, 'spec.subject', v1, err, true);
  const maxItems = v1 ? 100 : 25;
  const actions = source === 'BaselineAdminNetworkPolicy' ? ['Allow', 'Deny'] : v1 ? ['Allow', 'Deny', 'Pass'] : ['Accept', 'Deny', 'Pass'];
  const rules = (key: 'ingress' | 'egress') => {
    const list = d.list(spec[key], `spec.${key}`, 'a list of rules');
    if (list === undefined || list === BAD) return [];
    if (list.length > maxItems) err(`spec.${key}`, `Too many: ${list.length}: must have at most ${maxItems} items`);
    const out: CnpRule[] = [];
    list.forEach((raw, i) => {
      const r = readRule(d, raw, index(`spec.${key}`, i), key, { v1, maxItems, actions, channel: opts.channel ?? 'experimental' }, err);
      if (r) out.push(r);
    });
    return out;
  };
  const ingress = rules('ingress');
  const egress = rules('egress');
  if (issues.some((i) => i.severity === Severity.ERROR) || subject === undefined) return { issues };
  return { spec: { id: `${source}/${name}`, name, source, tier, priority, subject, ingress, egress }, issues };
}

type Err = (field: string, message: string, hint?: string) => void;

function hintCase(value: string, allowed: string[]): string | undefined {
  const fix = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  return fix ? `did you mean "${fix}"?` : undefined;
}

function selector(d: JsonDecoder, raw: unknown, path: string, selects: string, err: Err, required: boolean): LabelSelector | undefined {
  const decoded = decodeSelector(d, raw, path, selects);
  if (decoded === BAD) return undefined;
  if (decoded === undefined) {
    if (required) err(path, 'Required value');
    return required ? undefined : LabelSelector.everything();
  }
  for (const i of validateSelector(decoded, path)) d.issues.push(i);
  return LabelSelector._fromJson(decoded.json);
}

/** `{namespaces: sel}` or `{pods: {namespaceSelector, podSelector}}`: exactly one (CNP rule 5). */
function readPodSet(d: JsonDecoder, raw: unknown, path: string, v1: boolean, err: Err, isSubject: boolean): CnpPodSet | undefined {
  const obj = d.object(raw, path, 'an object');
  if (obj === undefined) { err(path, 'Required value'); return undefined; }
  if (obj === BAD) return undefined;
  if (!exactlyOne(obj, path, err, isSubject ? ['namespaces', 'pods'] : undefined)) return undefined;
  if (!isSubject && oldPeerShape(obj, path, err)) return undefined;
  if (obj.namespaces !== undefined) {
    const ns = selector(d, obj.namespaces, child(path, 'namespaces'), 'namespace', err, true);
    return ns && { namespaces: ns };
  }
  const pods = d.object(obj.pods, child(path, 'pods'), 'an object');
  if (pods === undefined || pods === BAD) return undefined;
  d.unknownFields(pods, child(path, 'pods'), ['namespaceSelector', 'podSelector']);
  // v1alpha2: an omitted namespaceSelector means every namespace (CNP rule 7); v1alpha1 requires it.
  const namespaces = selector(d, pods.namespaceSelector, child(child(path, 'pods'), 'namespaceSelector'), 'namespace', err, v1);
  const podSel = selector(d, pods.podSelector, child(child(path, 'pods'), 'podSelector'), 'pod', err, true);
  return namespaces && podSel && { namespaces, pods: podSel };
}

/**
 * Peers written for network-policy-api v0.1.0 to v0.1.6: `namespaces: {namespaceSelector |
 * sameLabels | notSameLabels}` and `pods: {namespaces: ..., podSelector}`. v0.1.7 made a
 * namespaces peer a plain label selector and removed sameLabels/notSameLabels (ClusterNetworkPolicy
 * never had them). Read as today's shape, the unknown fields would be pruned and the peer would
 * select every namespace: refused loudly instead, since the analyzer cannot evaluate them.
 */
function oldPeerShape(obj: JsonObject, path: string, err: Err): boolean {
  const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
  const found: string[] = [];
  if (isObj(obj.namespaces)) for (const k of ['namespaceSelector', 'sameLabels', 'notSameLabels']) if (obj.namespaces[k] !== undefined) found.push(child(child(path, 'namespaces'), k));
  if (isObj(obj.pods) && obj.pods.namespaces !== undefined) found.push(child(child(path, 'pods'), 'namespaces'));
  for (const f of found) {
    const key = f.split('.').pop()!;
    const same = key === 'sameLabels' || key === 'notSameLabels';
    err(f, `Unsupported field: ${key} is the peer shape of network-policy-api v0.1.0 to v0.1.6, removed in v0.1.7: `
      + `${same ? `${key} peers are not supported by cdk8s-netpol, and ` : ''}this policy is not analyzed (with the field dropped, the peer would select every namespace)`,
    same ? 'write one rule per namespace set with a namespaces label selector (sameLabels/notSameLabels cannot be expressed in v0.1.7 and later)'
      : key === 'namespaces' ? 'write pods: {namespaceSelector: <selector>, podSelector: <selector>}' : 'write namespaces: <selector> (the selector itself, without namespaceSelector)');
  }
  return found.length > 0;
}

/** The CRDs' `minProperties: 1, maxProperties: 1`. */
function exactlyOne(obj: JsonObject, path: string, err: Err, known?: string[]): boolean {
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined && obj[k] !== null);
  if (keys.length === 0) { err(path, 'Invalid value: 0: must have at least 1 properties', known ? `set one of ${known.join(', ')}` : undefined); return false; }
  if (keys.length > 1) {
    err(path, `Too many: ${keys.length}: must have at most 1 properties`, `one field per entry; ${keys.join(' and ')} are alternatives here: write one entry for each (they are ORed)`);
    return false;
  }
  return true;
}

interface RuleOptions { readonly v1: boolean; readonly maxItems: number; readonly actions: string[]; readonly channel: CnpChannel }

function readRule(d: JsonDecoder, raw: unknown, path: string, key: 'ingress' | 'egress', o: RuleOptions, err: Err): CnpRule | undefined {
  const obj = d.object(raw, path, 'a rule object');
  if (obj === undefined || obj === BAD) return undefined;
  const peersKey = key === 'ingress' ? 'from' : 'to';
  const portsKey = o.v1 ? 'ports' : 'protocols';
  // The two versions name the port list differently; dropped, the rule would match every port.
  d.unknownFields(obj, path, ['name', 'action', peersKey, portsKey], o.v1
    ? { protocols: 'v1alpha1 calls it ports: [{portNumber: {port: N, protocol: TCP}}]; without it this rule matches every port' }
    : { ports: 'v1alpha2 calls it protocols: [{tcp: {destinationPort: {number: N}}}]; without it this rule matches every port' });
  const name = d.string(obj.name, child(path, 'name'));
  if (typeof name === 'string' && name.length > 100) err(child(path, 'name'), `Too long: may not be more than 100 bytes`);
  const action = d.string(obj.action, child(path, 'action'));
  if (action === undefined) err(child(path, 'action'), 'Required value');
  else if (action !== BAD && !o.actions.includes(action)) {
    const renamed = action === 'Allow' && !o.v1 ? 'v1alpha2 renamed Allow to Accept: write action: Accept'
      : action === 'Accept' && o.v1 ? 'v1alpha1 calls it Allow' : hintCase(action, o.actions);
    err(child(path, 'action'), `Unsupported value: ${JSON.stringify(action)}: supported values: ${o.actions.map((a) => JSON.stringify(a)).join(', ')}`, renamed);
  }
  const peersPath = child(path, peersKey);
  const list = d.list(obj[peersKey], peersPath, 'a list of peers');
  const peers: CnpPeer[] = [];
  if (list === undefined || (list !== BAD && list.length === 0)) err(peersPath, list === undefined ? 'Required value' : 'Required value: must have at least 1 items');
  else if (list !== BAD) {
    if (list.length > o.maxItems) err(peersPath, `Too many: ${list.length}: must have at most ${o.maxItems} items`);
    list.forEach((p, i) => { const peer = readPeer(d, p, index(peersPath, i), key, o, err); if (peer) peers.push(peer); });
  }
  const ports = readPorts(d, obj[portsKey], child(path, portsKey), o, err);
  if (ports !== undefined && peers.some((p) => p.kind !== 'pods') && ports.some((p) => p.kind === 'named')) {
    // Experimental CEL rule; meaningless on any channel (an address has no container ports).
    err(child(path, portsKey), 'Invalid value: "object": networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames');
  }
  if (key === 'egress' && typeof action === 'string' && action !== 'Accept' && peers.some((p) => p.kind === 'domainNames')) {
    // The experimental CRD's domainNames description: "only supported for Accept rules" (no CEL rule enforces it).
    d.issues.push({ code: 'cnp-domain-names-action', severity: Severity.WARNING, field: child(path, 'action'), message: `domainNames peers are only supported for Accept rules; what an implementation does with a ${action} rule naming domains is not defined`, hint: 'Accept the allowed domains, then Deny the rest with a later networks rule' });
  }
  if (action === BAD || action === undefined || !o.actions.includes(action)) return undefined;
  // v1alpha1's Allow is v1alpha2's Accept.
  const kept = action === 'Pass' ? CnpAction.PASS : action === 'Deny' ? CnpAction.DENY : CnpAction.ACCEPT;
  return { action: kept, ...(typeof name === 'string' && name ? { name } : {}), peers, ...(ports ? { ports } : {}) };
}

function readPeer(d: JsonDecoder, raw: unknown, path: string, key: 'ingress' | 'egress', o: RuleOptions, err: Err): CnpPeer | undefined {
  const obj = d.object(raw, path, 'a peer object');
  if (obj === undefined || obj === BAD) { if (obj === undefined) err(path, 'Invalid value: 0: must have at least 1 properties'); return undefined; }
  const kinds = key === 'ingress' ? ['namespaces', 'pods'] : ['namespaces', 'pods', 'networks', 'nodes', 'domainNames'];
  const unknown = d.unknownFields(obj, path, kinds, key === 'ingress' && obj.networks !== undefined ? { networks: 'networks is an egress peer only; ingress from addresses cannot be written in this API' } : {});
  // Unknown fields are pruned before the schema counts the peer's fields: never read as a peer.
  const known: JsonObject = Object.fromEntries(Object.entries(obj).filter(([k]) => !unknown.includes(k)));
  if (!exactlyOne(known, path, err, kinds)) return undefined;
  if (obj.namespaces !== undefined || obj.pods !== undefined) {
    const set = readPodSet(d, obj, path, o.v1, err, false);
    return set && { kind: 'pods', set };
  }
  if ((obj.nodes !== undefined || obj.domainNames !== undefined) && o.channel === 'standard') {
    err(path, `${obj.nodes !== undefined ? 'nodes' : 'domainNames'} peers exist in the experimental channel only`, 'install the experimental CRD, or use networks');
    return undefined;
  }
  if (obj.networks !== undefined) {
    const cidrs = d.stringList(obj.networks, child(path, 'networks'), 'a list of CIDRs');
    if (cidrs === undefined || cidrs === BAD) return undefined;
    if (cidrs.length === 0) err(child(path, 'networks'), 'Required value: must have at least 1 items');
    if (cidrs.length > o.maxItems) err(child(path, 'networks'), `Too many: ${cidrs.length}: must have at most ${o.maxItems} items`);
    cidrs.forEach((c, i) => {
      if (c === BAD) return;
      const f = index(child(path, 'networks'), i);
      if (c.length > 43) err(f, `Too long: may not be more than 43 bytes`);
      else if (!parseCidr(c)) err(f, 'Invalid value: "string": Invalid CIDR format provided', /\//.test(c) ? undefined : `a network is a CIDR: ${c}/32`);
    });
    return { kind: 'networks', cidrs: cidrs.filter((c): c is string => c !== BAD) };
  }
  if (obj.nodes !== undefined || obj.domainNames !== undefined) {
    // CNP rule 8: said once per peer, so that no verdict silently depends on it.
    const kind = obj.nodes !== undefined ? 'nodes' : 'domainNames';
    d.issues.push({
      code: 'cnp-peer-not-analyzed', severity: Severity.WARNING, field: child(path, kind),
      message: kind === 'nodes'
        ? 'the analyzer cannot evaluate a nodes peer: node labels and addresses are not in its input. It treats the peer as matching nothing, so verdicts toward node addresses (hostNetwork pods, outside IPs) may be decided by a later rule instead of this one'
        : 'the analyzer cannot evaluate a domainNames peer: it depends on DNS answers at run time. It treats the peer as matching nothing, so verdicts toward outside addresses may be decided by a later rule instead of this one',
      hint: kind === 'nodes' ? 'where the node addresses are known, a networks peer with their CIDRs can be analyzed' : 'check these flows on the cluster (netpol probe)',
    });
  }
  if (obj.nodes !== undefined) {
    const sel = selector(d, obj.nodes, child(path, 'nodes'), 'node', err, true);
    return sel && { kind: 'nodes', selector: sel };
  }
  const names = d.stringList(obj.domainNames, child(path, 'domainNames'), 'a list of domain names');
  if (names === undefined || names === BAD) return undefined;
  const f = child(path, 'domainNames');
  if (names.length === 0) err(f, 'Required value: must have at least 1 items');
  if (names.length > 25) err(f, `Too many: ${names.length}: must have at most 25 items`);
  names.forEach((n, i) => {
    // The experimental CRD's pattern: exact names or one leading `*.`.
    if (n !== BAD && !DOMAIN_NAME.test(n)) err(index(f, i), `Invalid value: ${JSON.stringify(n)}: ${index(f, i)} in body should match '${DOMAIN_NAME.source}'`, n.includes('*') ? "'*' only as a whole first label: *.example.com" : undefined);
  });
  return { kind: 'domainNames', names: names.filter((n): n is string => n !== BAD) };
}

function readPorts(d: JsonDecoder, raw: unknown, path: string, o: RuleOptions, err: Err): CnpPort[] | undefined {
  const list = d.list(raw, path, 'a list of protocol entries');
  if (list === undefined || list === BAD) return undefined;
  if (list.length === 0) err(path, 'Required value: must have at least 1 items');
  if (list.length > o.maxItems) err(path, `Too many: ${list.length}: must have at most ${o.maxItems} items`);
  const out: CnpPort[] = [];
  list.forEach((raw, i) => {
    const f = index(path, i);
    const obj = d.object(raw, f, 'an object');
    if (obj === undefined || obj === BAD) return;
    const fields = o.v1 ? ['portNumber', 'portRange', 'namedPort'] : ['tcp', 'udp', 'sctp', 'destinationNamedPort'];
    d.unknownFields(obj, f, fields);
    if (!exactlyOne(obj, f, err, fields)) return;
    const named = o.v1 ? obj.namedPort : obj.destinationNamedPort;
    if (named !== undefined) {
      const n = d.string(named, child(f, o.v1 ? 'namedPort' : 'destinationNamedPort'));
      if (typeof n === 'string') out.push({ kind: 'named', name: n });
      return;
    }
    const p = o.v1 ? readV1Port(d, obj, f, err) : readV2Port(d, obj, f, err);
    if (p) out.push(p);
  });
  return out;
}

/** `tcp: {destinationPort: {number} | {range: {start, end}}}`; the CEL rule wants start < end. */
function readV2Port(d: JsonDecoder, obj: JsonObject, path: string, err: Err): CnpPort | undefined {
  const field = Object.keys(obj).find((k) => PROTOCOL_FIELDS[k])!;
  const f = child(path, field);
  const proto = d.object(obj[field], f, 'an object');
  if (proto === undefined || proto === BAD) { if (proto === undefined) err(f, 'Required value'); return undefined; }
  const dp = d.object(proto.destinationPort, child(f, 'destinationPort'), 'an object');
  if (dp === undefined) {
    err(child(f, 'destinationPort'), 'Required value', 'for every port of the protocol write destinationPort: {range: {start: 1, end: 65535}}');
    return undefined;
  }
  if (dp === BAD || !exactlyOne(dp, child(f, 'destinationPort'), err, ['number', 'range'])) return undefined;
  return portOrRange(d, dp.number, dp.range, child(f, 'destinationPort'), PROTOCOL_FIELDS[field], err, 'number');
}

/** `portNumber: {port, protocol}` or `portRange: {start, end, protocol}` (protocol defaults to TCP). */
function readV1Port(d: JsonDecoder, obj: JsonObject, path: string, err: Err): CnpPort | undefined {
  const field = obj.portNumber !== undefined ? 'portNumber' : 'portRange';
  const body = d.object(obj[field], child(path, field), 'an object');
  if (body === undefined || body === BAD) return undefined;
  const protoText = d.string(body.protocol, child(child(path, field), 'protocol')) ?? 'TCP';
  if (protoText === BAD) return undefined;
  const protocol = [Protocol.TCP, Protocol.UDP, Protocol.SCTP].find((p) => p === protoText);
  if (!protocol) { err(child(child(path, field), 'protocol'), `Unsupported value: ${JSON.stringify(protoText)}: supported values: "TCP", "UDP", "SCTP"`); return undefined; }
  return field === 'portNumber'
    ? portOrRange(d, body.port, undefined, child(path, field), protocol, err, 'port')
    : portOrRange(d, undefined, body, path, protocol, err, 'port', 'portRange');
}

function portOrRange(d: JsonDecoder, num: unknown, range: unknown, path: string, protocol: Protocol, err: Err, numField: string, rangeField = 'range'): CnpPort | undefined {
  const inRange = (v: number | undefined | typeof BAD, f: string) => {
    if (v === undefined) { err(f, 'Required value'); return false; }
    if (v === BAD) return false;
    if (v < 1 || v > 65535) { err(f, `Invalid value: ${v}: ${f.split('.').pop()} in body should be ${v < 1 ? 'greater than or equal to 1' : 'less than or equal to 65535'}`); return false; }
    return true;
  };
  if (num !== undefined) {
    const n = d.int32(num, child(path, numField));
    return inRange(n, child(path, numField)) ? { kind: 'port', protocol, from: n as number, to: n as number } : undefined;
  }
  const rpath = child(path, rangeField);
  const r = d.object(range, rpath, 'an object');
  if (r === undefined || r === BAD) return undefined;
  const start = d.int32(r.start, child(rpath, 'start'));
  const end = d.int32(r.end, child(rpath, 'end'));
  if (!inRange(start, child(rpath, 'start')) || !inRange(end, child(rpath, 'end'))) return undefined;
  if ((start as number) >= (end as number)) {
    const [a, b] = [start as number, end as number];
    err(rpath, 'Invalid value: "object": Start port must be less than End port', a === b ? `a single port is written ${numField}: ${a}` : `did you mean start: ${b}, end: ${a}?`);
    return undefined;
  }
  return { kind: 'port', protocol, from: start as number, to: end as number };
}
