import {
  IpBlockPeer,
  Issue,
  LabelExpression,
  LabelSelector,
  NAMESPACE_NAME_LABEL,
  NamespacePeer,
  Peer,
  PeerJson,
  PodPeer,
  Port,
  Protocol,
  Rule,
  SelectorOperator,
  SelectorPeer,
  Severity,
} from '../model';
import { parseCidr } from '../model/validation';
import { Code, arr, call, chain, labels, num, obj, ref, str } from './code';

// Model values -> the TypeScript that builds them with the library's own factories. Each builder
// returns the code AND the value the code evaluates to (built with the same factories), so the
// generator can check that what it writes means exactly what it read.

/** Code and the value it builds. */
export interface Built<T> {
  readonly code: Code;
  readonly value: T;
}

const OPERATOR = new Map<string, string>([
  [SelectorOperator.IN, 'IN'],
  [SelectorOperator.NOT_IN, 'NOT_IN'],
  [SelectorOperator.EXISTS, 'EXISTS'],
  [SelectorOperator.DOES_NOT_EXIST, 'DOES_NOT_EXIST'],
]);

/** The generator's word for an input's enum value (a Map: no inherited `constructor` or `__proto__`); throws for any other value. */
export function enumWord(words: Map<string, string>, value: string, what: string): string {
  const word = words.get(value);
  if (word === undefined) throw new Error(`import: not a ${what}: ${JSON.stringify(value)}`);
  return word;
}

function expressionCode(e: LabelExpression): Code {
  return obj([
    ['key', str(e.key)],
    ['operator', ref(`SelectorOperator.${enumWord(OPERATOR, e.operator, 'selector operator')}`)],
    ['values', e.values === undefined ? undefined : arr(e.values.map(str))],
  ]);
}

const onlyLabels = (s: LabelSelector) => s.matchExpressions.length === 0 && Object.keys(s.matchLabels).length > 0;

/** `LabelSelector.labels/expressions/of/everything(...)`. */
export function selectorCode(s: LabelSelector): Built<LabelSelector> {
  if (s.isEverything()) return { code: call('LabelSelector.everything'), value: LabelSelector.everything() };
  const exprs = s.matchExpressions.map(expressionCode);
  const hasLabels = Object.keys(s.matchLabels).length > 0;
  if (!hasLabels) return { code: call('LabelSelector.expressions', ...exprs), value: LabelSelector.expressions(...s.matchExpressions) };
  if (exprs.length === 0) return { code: call('LabelSelector.labels', labels(s.matchLabels)), value: LabelSelector.labels(s.matchLabels) };
  return { code: call('LabelSelector.of', labels(s.matchLabels), ...exprs), value: LabelSelector.of(s.matchLabels, ...s.matchExpressions) };
}

/** The pods a policy applies to: `Select.allPods()`, `Select.pods({...})` or `Select.podsMatching(...)`. */
export function selectCode(s: LabelSelector): Built<LabelSelector> {
  if (s.isEverything()) return { code: call('Select.allPods'), value: LabelSelector.everything() };
  if (onlyLabels(s)) return { code: call('Select.pods', labels(s.matchLabels)), value: LabelSelector.labels(s.matchLabels) };
  const inner = selectorCode(s);
  return { code: call('Select.podsMatching', inner.code), value: inner.value };
}

/** The namespace names a selector picks by `kubernetes.io/metadata.name`, when that is all it does. */
export function namespaceNames(s: LabelSelector): string[] | undefined {
  const keys = Object.keys(s.matchLabels);
  if (keys.length === 1 && keys[0] === NAMESPACE_NAME_LABEL && s.matchExpressions.length === 0) return [s.matchLabels[NAMESPACE_NAME_LABEL]];
  if (keys.length === 0 && s.matchExpressions.length === 1) {
    const e = s.matchExpressions[0];
    if (e.key === NAMESPACE_NAME_LABEL && e.operator === SelectorOperator.IN && e.values && e.values.length > 1) return [...e.values];
  }
  return undefined;
}

/**
 * A `from`/`to` entry. AND stays one chained peer (`Peer.pods(...).inNamespace(...)`, rule 18).
 * An empty podSelector next to a namespaceSelector is written as the namespace peer alone: both
 * select every pod of those namespaces (rules 17, 18).
 */
export function peerCode(peer: Peer, field: string, notes: Issue[]): Built<Peer> {
  if (peer instanceof IpBlockPeer) return ipBlockCode(peer, field, notes);
  const sp = peer as SelectorPeer;
  const built = tryBuild(() => idiomaticSelectorPeer(sp.podSelector, sp.namespaceSelector));
  if (built && sameJson(built.value.toJson(), normalPeerJson(sp))) return built;
  return literalSelectorPeer(sp.podSelector, sp.namespaceSelector);
}

function idiomaticSelectorPeer(pods: LabelSelector | undefined, namespaces: LabelSelector | undefined): Built<Peer> {
  if (!namespaces) {
    if (!pods || pods.isEverything()) return { code: call('Peer.sameNamespace'), value: Peer.sameNamespace() };
    if (onlyLabels(pods)) return { code: call('Peer.pods', labels(pods.matchLabels)), value: Peer.pods(pods.matchLabels) };
    const s = selectorCode(pods);
    return { code: call('Peer.podsMatching', s.code), value: Peer.podsMatching(s.value) };
  }
  const names = namespaceNames(namespaces);
  if (!pods || pods.isEverything()) {
    if (namespaces.isEverything()) return { code: call('Peer.anyPodInCluster'), value: Peer.anyPodInCluster() };
    if (names?.length === 1) return { code: call('Peer.namespace', str(names[0])), value: Peer.namespace(names[0]) };
    if (names) return { code: call('Peer.namespaces', ...names.map(str)), value: Peer.namespaces(...names) };
    if (onlyLabels(namespaces)) return { code: call('Peer.namespacesLabelled', labels(namespaces.matchLabels)), value: Peer.namespacesLabelled(namespaces.matchLabels) };
    const s = selectorCode(namespaces);
    return { code: call('Peer.namespacesMatching', s.code), value: Peer.namespacesMatching(s.value) };
  }
  const base = idiomaticSelectorPeer(pods, undefined) as Built<PodPeer>;
  if (namespaces.isEverything()) return { code: chain(base.code, 'inAnyNamespace'), value: base.value.inAnyNamespace() };
  if (names?.length === 1) return { code: chain(base.code, 'inNamespace', str(names[0])), value: base.value.inNamespace(names[0]) };
  if (names) return { code: chain(base.code, 'inNamespaces', ...names.map(str)), value: base.value.inNamespaces(...names) };
  if (onlyLabels(namespaces)) {
    return { code: chain(base.code, 'inNamespacesLabelled', labels(namespaces.matchLabels)), value: base.value.inNamespacesLabelled(namespaces.matchLabels) };
  }
  const s = selectorCode(namespaces);
  return { code: chain(base.code, 'inNamespacesMatching', s.code), value: base.value.inNamespacesMatching(s.value) };
}

/** Field for field, for selectors the idiomatic forms cannot reproduce. */
function literalSelectorPeer(pods: LabelSelector | undefined, namespaces: LabelSelector | undefined): Built<Peer> {
  if (!namespaces) {
    const p = selectorCode(pods ?? LabelSelector.everything());
    return { code: call('Peer.podsMatching', p.code), value: Peer.podsMatching(p.value) };
  }
  const n = selectorCode(namespaces);
  if (!pods) return { code: call('Peer.namespacesMatching', n.code), value: Peer.namespacesMatching(n.value) };
  const p = selectorCode(pods);
  return {
    code: chain(call('Peer.podsMatching', p.code), 'inNamespacesMatching', n.code),
    value: (Peer.podsMatching(p.value) as PodPeer).inNamespacesMatching(n.value),
  };
}

/** The entry as the idiomatic form renders it: no empty podSelector beside a namespaceSelector. */
export function normalPeerJson(peer: SelectorPeer | NamespacePeer): PeerJson {
  const json = peer.toJson();
  if (json.namespaceSelector && json.podSelector && Object.keys(json.podSelector).length === 0) {
    return { namespaceSelector: json.namespaceSelector };
  }
  return json;
}

/**
 * An ipBlock, its CIDRs in canonical form. A CIDR with host bits set is read as its network
 * (docs/semantics.md rule 24), so writing the network keeps every verdict; the constructs require
 * the canonical form, and a note says what was rewritten.
 */
function ipBlockCode(peer: IpBlockPeer, field: string, notes: Issue[]): Built<Peer> {
  const canon = (text: string, f: string) => {
    const c = parseCidr(text)?.canonical ?? text;
    if (c !== text) {
      notes.push({
        code: 'import-cidr-canonical', severity: Severity.WARNING, field: f,
        message: `${JSON.stringify(text)} is written as ${JSON.stringify(c)}: Kubernetes reads it as that network (the constructs accept only the canonical form)`,
      });
    }
    return c;
  };
  const cidr = canon(peer.cidr, `${field}.ipBlock.cidr`);
  const except = peer.except.map((e, k) => canon(e, `${field}.ipBlock.except[${k}]`));
  const want = except.length > 0 ? { ipBlock: { cidr, except } } : { ipBlock: { cidr } };
  const candidates: Array<() => Built<Peer>> = [];
  if (except.length === 0) {
    const addr = cidr.slice(0, cidr.indexOf('/'));
    if (cidr.endsWith(addr.includes(':') ? '/128' : '/32')) candidates.push(() => ({ code: call('Peer.ip', str(addr)), value: Peer.ip(addr) }));
  }
  if (cidr === '0.0.0.0/0') candidates.push(() => ({ code: call('Peer.anyIpv4', ...except.map(str)), value: Peer.anyIpv4(...except) }));
  if (cidr === '::/0') candidates.push(() => ({ code: call('Peer.anyIpv6', ...except.map(str)), value: Peer.anyIpv6(...except) }));
  candidates.push(() => ({ code: call('Peer.ipBlock', str(cidr), ...except.map(str)), value: Peer.ipBlock(cidr, ...except) }));
  for (const candidate of candidates) {
    const built = tryBuild(candidate);
    if (built && sameJson(built.value.toJson(), want)) return built;
  }
  // Not expected for validated input: keep the text as read (synthesis reports what is wrong).
  return { code: call('Peer.ipBlock', str(cidr), ...except.map(str)), value: IpBlockPeer._of(cidr, except) };
}

/** Port constants of the library, for well-known ports. */
const PORT_CONSTANTS = [
  'DNS_UDP', 'DNS_TCP', 'HTTP', 'HTTPS', 'SSH', 'POSTGRES', 'MYSQL', 'REDIS', 'MONGODB', 'KAFKA',
  'ELASTICSEARCH', 'MEMCACHED', 'AMQP', 'GRPC', 'PROMETHEUS',
] as const;

const PROTO = new Map<string, string>([[Protocol.TCP, 'Tcp'], [Protocol.UDP, 'Udp'], [Protocol.SCTP, 'Sctp']]);

/** `Port.tcp(8080)`, `Port.HTTPS`, `Port.udpRange(...)`, `Port.named('metrics')`, `Port.allTcp()`. */
export function portCode(p: Port): Built<Port> {
  const word = enumWord(PROTO, p.protocol, 'protocol');
  const lower = word.toLowerCase();
  let built: Built<Port>;
  if (p.name !== undefined) {
    built = p.protocol === Protocol.TCP
      ? { code: call('Port.named', str(p.name)), value: Port.named(p.name) }
      : { code: call('Port.named', str(p.name), ref(`Protocol.${word.toUpperCase()}`)), value: Port.named(p.name, p.protocol) };
  } else if (p.port === undefined) {
    built = { code: call(`Port.all${word}`), value: Port.all(p.protocol) };
  } else if (p.endPort !== undefined) {
    built = { code: call(`Port.${lower}Range`, num(p.port), num(p.endPort)), value: Port.range(p.protocol, p.port, p.endPort) };
  } else {
    const constant = PORT_CONSTANTS.find((c) => Port[c].protocol === p.protocol && Port[c].port === p.port && Port[c].endPort === undefined);
    built = constant
      ? { code: ref(`Port.${constant}`), value: Port[constant] }
      : { code: call(`Port.${lower}`, num(p.port)), value: Port.number(p.protocol, p.port) };
  }
  return built;
}

/** `Rule.allow({ peers, ports })`, or `Rule.allowAll()` for `{}`. */
export function ruleCode(rule: Rule, field: string, peerKey: 'from' | 'to', notes: Issue[]): Built<Rule> {
  if (rule.peers.length === 0 && rule.ports.length === 0) return { code: call('Rule.allowAll'), value: Rule.allowAll() };
  const peers = rule.peers.map((p, j) => peerCode(p, `${field}.${peerKey}[${j}]`, notes));
  const ports = rule.ports.map(portCode);
  return {
    code: call('Rule.allow', obj([
      ['peers', peers.length > 0 ? arr(peers.map((b) => b.code)) : undefined],
      ['ports', ports.length > 0 ? arr(ports.map((b) => b.code)) : undefined],
    ])),
    value: Rule._of(peers.map((b) => b.value), ports.map((b) => b.value)),
  };
}

/** Deep equality of JSON values, key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON text with object keys sorted. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as { [k: string]: unknown })[k]]))
    : x));
}

function tryBuild<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
