import * as fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { LabelExpression, LabelSelector, Peer, PolicySpec, PolicyType, Port, Protocol, Rule, SelectorOperator } from '../../lib/model';

// Random VALID model values built through the public factories, spanning the whole syntax the API
// server accepts (qualified label keys, empty label values, IPv4/IPv6 blocks with excepts, named
// ports, ranges, every peer shape). Each generator only produces inputs the factories must accept,
// so a throw is a bug.

const alnum = 'abcdefghijklmnopqrstuvwxyz0123456789';
const chars = (set: string) => fc.constantFrom(...set.split(''));
const str = (set: string, min: number, max: number) => fc.string({ unit: chars(set), minLength: min, maxLength: max });

/** `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, 1..max characters (RFC 1123 label). */
export const dnsLabel = (max = 20): fc.Arbitrary<string> =>
  fc.tuple(chars(alnum), str(`${alnum}-`, 0, Math.max(0, max - 2)), chars(alnum)).map(([a, mid, z]) => `${a}${mid}${z}`.slice(0, max).replace(/-+$/, ''));

/** RFC 1123 subdomain: dot-joined labels. */
export const dnsSubdomain: fc.Arbitrary<string> = fc.array(dnsLabel(12), { minLength: 1, maxLength: 3 }).map((p) => p.join('.'));

const nameChars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, 1..max characters. */
const labelName = (max: number) =>
  fc.oneof(
    chars(nameChars),
    fc.tuple(chars(nameChars), str(`${nameChars}-_.`, 0, max - 2), chars(nameChars)).map(([a, m, z]) => a + m + z),
  );

/** A qualified label key, optionally prefixed by a DNS subdomain. */
export const labelKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: labelName(20) },
  { weight: 1, arbitrary: fc.tuple(dnsSubdomain, labelName(20)).map(([p, n]) => `${p}/${n}`) },
);

/** A label value: empty or a label name. */
export const labelValue: fc.Arbitrary<string> = fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 4, arbitrary: labelName(30) });

export const labelMap = (min = 1, max = 3) => fc.dictionary(labelKey, labelValue, { minKeys: min, maxKeys: max });

export const expression: fc.Arbitrary<LabelExpression> = fc.oneof(
  fc.record({
    key: labelKey,
    operator: fc.constantFrom(SelectorOperator.IN, SelectorOperator.NOT_IN),
    values: fc.array(labelValue, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ key: labelKey, operator: fc.constantFrom(SelectorOperator.EXISTS, SelectorOperator.DOES_NOT_EXIST) }),
);

/** Any selector, including `{}` (made on purpose with `everything()`). */
export const selector: fc.Arbitrary<LabelSelector> = fc
  .tuple(labelMap(0, 3), fc.array(expression, { maxLength: 2 }))
  .map(([labels, exprs]) =>
    Object.keys(labels).length === 0 && exprs.length === 0 ? LabelSelector.everything() : LabelSelector.of(labels, ...exprs),
  );

/** A canonical IPv4 or IPv6 CIDR (`network/prefix`, host bits clear). */
export const cidr: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 32 })).map(([b, p]) => canonical(b, p)) },
  { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 0, max: 128 })).map(([b, p]) => canonical(b, p)) },
);

/** Clears the bits of `bytes` past `prefix` and prints `network/prefix`. */
export function canonical(bytes: Uint8Array, prefix: number): string {
  const out = Array.from(bytes, (b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return b & (0xff << (8 - keep)) & 0xff;
  });
  const addr = ipaddr.fromByteArray(out);
  // An IPv4-mapped IPv6 network is rejected by the strict factory (V-22); keep IPv6 out of that range.
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) return `2001:db8::/${Math.min(prefix, 32)}`;
  return `${addr.toString()}/${prefix}`;
}

/** A block with 0-2 excepts strictly inside it. */
export const ipBlockArgs: fc.Arbitrary<[string, string[]]> = cidr.chain((c) => {
  const [net, prefix] = ipaddr.parseCIDR(c);
  const max = net.kind() === 'ipv4' ? 32 : 128;
  if (prefix >= max) return fc.constant<[string, string[]]>([c, []]);
  const inner = fc
    .tuple(fc.uint8Array({ minLength: max / 8, maxLength: max / 8 }), fc.integer({ min: prefix + 1, max }))
    .map(([bytes, p]) => {
      const base = net.toByteArray();
      // Keep the block's own prefix bits, randomize the rest.
      const mixed = bytes.map((b, i) => {
        const keep = Math.max(0, Math.min(8, prefix - i * 8));
        const mask = (0xff << (8 - keep)) & 0xff;
        return (base[i] & mask) | (b & ~mask & 0xff);
      });
      return canonical(mixed, p);
    })
    .filter((e) => e.includes(':') === c.includes(':'));
  return fc.tuple(fc.constant(c), fc.uniqueArray(inner, { maxLength: 2 }));
});

const nsNames = fc.uniqueArray(dnsLabel(15), { minLength: 1, maxLength: 3 });

/** Every shape of peer the factories make. */
export const peer: fc.Arbitrary<Peer> = fc.oneof(
  labelMap().map((l) => Peer.pods(l)),
  selector.map((s) => Peer.podsMatching(s)),
  fc.constant(0).map(() => Peer.sameNamespace()),
  dnsLabel(15).map((n) => Peer.namespace(n)),
  nsNames.map((n) => Peer.namespaces(...n)),
  labelMap().map((l) => Peer.namespacesLabelled(l)),
  selector.map((s) => Peer.namespacesMatching(s)),
  fc.constant(0).map(() => Peer.anyPodInCluster()),
  fc.tuple(labelMap(), dnsLabel(15)).map(([l, n]) => Peer.pods(l).inNamespace(n)),
  fc.tuple(labelMap(), nsNames).map(([l, n]) => Peer.pods(l).inNamespaces(...n)),
  fc.tuple(labelMap(), labelMap()).map(([l, n]) => Peer.pods(l).inNamespacesLabelled(n)),
  fc.tuple(selector, selector).map(([p, n]) => Peer.podsMatching(p).inNamespacesMatching(n)),
  labelMap().map((l) => Peer.pods(l).inAnyNamespace()),
  fc.tuple(labelMap(), labelMap()).map(([n, l]) => Peer.namespacesLabelled(n).withPods(l)),
  fc.tuple(selector, selector).map(([n, p]) => Peer.namespacesMatching(n).withPodsMatching(p)),
  ipBlockArgs.map(([c, ex]) => Peer.ipBlock(c, ...ex)),
  cidr.map((c) => Peer.ip(c.slice(0, c.indexOf('/')))),
);

const protocol = fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP);
const portNumber = fc.integer({ min: 1, max: 65535 });
/** An IANA service name: <= 15 of [a-z0-9-], a letter, no `--`, no leading/trailing `-`. */
export const portName: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), str(`${alnum}-`, 0, 13), chars(alnum))
  .map(([a, m, z]) => `${a}${m.replace(/-+/g, '-')}${z}`);

export const port: fc.Arbitrary<Port> = fc.oneof(
  fc.tuple(protocol, portNumber).map(([p, n]) => Port.number(p, n)),
  fc.tuple(protocol, portNumber, portNumber).map(([p, a, b]) => Port.range(p, Math.min(a, b), Math.max(a, b))),
  fc.tuple(portName, fc.option(protocol, { nil: undefined })).map(([n, p]) => Port.named(n, p)),
  protocol.map((p) => Port.all(p)),
);

export const rule: fc.Arbitrary<Rule> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0).map(() => Rule.allowAll()) },
  {
    weight: 6,
    arbitrary: fc
      .record({ peers: fc.array(peer, { minLength: 1, maxLength: 3 }), ports: fc.array(port, { minLength: 1, maxLength: 3 }) }, { requiredKeys: [] })
      .map((props) => Rule.allow(props)),
  },
);

/** A validated PolicySpec through `PolicySpec.create`. */
export const policySpec: fc.Arbitrary<PolicySpec> = fc
  .record(
    {
      name: dnsSubdomain,
      namespace: dnsLabel(20),
      podSelector: selector,
      ingress: fc.array(rule, { maxLength: 3 }),
      egress: fc.array(rule, { maxLength: 3 }),
      policyTypes: fc.subarray([PolicyType.INGRESS, PolicyType.EGRESS], { minLength: 1 }),
      labels: labelMap(0, 2),
    },
    { requiredKeys: ['name', 'namespace', 'podSelector'] },
  )
  .map((props) => PolicySpec.create(props));
