import { describe, expect, test } from 'vitest';
import {
  IpBlockPeer,
  LabelSelector,
  NAMESPACE_NAME_LABEL,
  NamespacePeer,
  Peer,
  PodPeer,
  PodsInNamespacesPeer,
  SelectorOperator,
} from '../../lib/model';
import { NetpolValidationError } from '../../lib/model/validation-error';

const ns = (name: string) => ({ matchLabels: { [NAMESPACE_NAME_LABEL]: name } });

describe('selector peers: every factory renders one entry', () => {
  test.each([
    ['pods', Peer.pods({ app: 'web' }), PodPeer, { podSelector: { matchLabels: { app: 'web' } } }],
    ['podsMatching', Peer.podsMatching(LabelSelector.expressions({ key: 'tier', operator: SelectorOperator.EXISTS })), PodPeer,
      { podSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }],
    ['sameNamespace', Peer.sameNamespace(), PodPeer, { podSelector: {} }],
    ['namespace', Peer.namespace('shop'), NamespacePeer, { namespaceSelector: ns('shop') }],
    ['namespaces (one)', Peer.namespaces('shop'), NamespacePeer, { namespaceSelector: ns('shop') }],
    ['namespaces (several: sorted, unique, In)', Peer.namespaces('b', 'a', 'b'), NamespacePeer,
      { namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: ['a', 'b'] }] } }],
    ['namespacesLabelled', Peer.namespacesLabelled({ team: 'x' }), NamespacePeer, { namespaceSelector: { matchLabels: { team: 'x' } } }],
    ['namespacesMatching', Peer.namespacesMatching(LabelSelector.labels({ env: 'prod' })), NamespacePeer, { namespaceSelector: { matchLabels: { env: 'prod' } } }],
    ['anyPodInCluster', Peer.anyPodInCluster(), NamespacePeer, { namespaceSelector: {} }],
  ])('%s', (_name, peer, type, json) => {
    expect(peer).toBeInstanceOf(type);
    expect(peer.toJson()).toEqual(json);
    expect(peer.validate('p')).toEqual([]);
  });
});

describe('AND: chaining refines ONE entry carrying both selectors', () => {
  const web = { podSelector: { matchLabels: { app: 'web' } } };
  test.each([
    ['pods().inNamespace', Peer.pods({ app: 'web' }).inNamespace('shop'), { ...web, namespaceSelector: ns('shop') }],
    ['pods().inNamespaces', Peer.pods({ app: 'web' }).inNamespaces('b', 'a'),
      { ...web, namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: ['a', 'b'] }] } }],
    ['pods().inNamespacesLabelled', Peer.pods({ app: 'web' }).inNamespacesLabelled({ team: 'x' }), { ...web, namespaceSelector: { matchLabels: { team: 'x' } } }],
    ['pods().inNamespacesMatching', Peer.pods({ app: 'web' }).inNamespacesMatching(LabelSelector.labels({ env: 'prod' })),
      { ...web, namespaceSelector: { matchLabels: { env: 'prod' } } }],
    ['pods().inAnyNamespace', Peer.pods({ app: 'web' }).inAnyNamespace(), { ...web, namespaceSelector: {} }],
    ['namespace().withPods', Peer.namespace('shop').withPods({ app: 'web' }), { ...web, namespaceSelector: ns('shop') }],
    ['namespace().withPodsMatching', Peer.namespace('shop').withPodsMatching(LabelSelector.labels({ app: 'web' })), { ...web, namespaceSelector: ns('shop') }],
  ])('%s', (_name, peer, json) => {
    expect(peer).toBeInstanceOf(PodsInNamespacesPeer);
    expect(peer.toJson()).toEqual(json);
    expect(Object.keys(peer.toJson())).toEqual(['podSelector', 'namespaceSelector']);
  });

  test('inNamespace selects by kubernetes.io/metadata.name (set on every namespace by the control plane)', () => {
    const peer = Peer.pods({ app: 'web' }).inNamespace('shop');
    expect(peer.namespaceSelector!.matches({ [NAMESPACE_NAME_LABEL]: 'shop' })).toBe(true);
    expect(peer.namespaceSelector!.matches({ [NAMESPACE_NAME_LABEL]: 'other' })).toBe(false);
  });

  test('the peer it was chained from is unchanged', () => {
    const base = Peer.pods({ app: 'web' });
    base.inNamespace('shop');
    expect(base.toJson()).toEqual(web);
  });

  test('a chained peer has no way to set a second namespace', () => {
    expect('inNamespace' in Peer.pods({ app: 'web' }).inNamespace('shop')).toBe(false);
  });
});

describe('selector peers reject accidental allow-all and bad names', () => {
  test.each([
    ['Peer.pods({})', () => Peer.pods({}), 'Peer.pods: an empty label map would select everything; if that is meant, use Peer.sameNamespace()'],
    ['Peer.namespacesLabelled({})', () => Peer.namespacesLabelled({}), 'use Peer.anyPodInCluster()'],
    ['withPods({})', () => Peer.namespace('a').withPods({}), 'withPods: an empty label map would select everything'],
    ['inNamespacesLabelled({})', () => Peer.pods({ a: 'b' }).inNamespacesLabelled({}), 'use inAnyNamespace()'],
    ['namespace("Shop")', () => Peer.namespace('Shop'), 'namespace "Shop" is not a valid namespace name: a lowercase RFC 1123 label'],
    ['inNamespace("Team.A") suggests the fix', () => Peer.pods({ a: 'b' }).inNamespace('Team.A'), '(did you mean "team-a"?)'],
    ['namespaces()', () => Peer.namespaces(), 'at least one namespace name is required'],
    ['pods with a bad key', () => Peer.pods({ 'app name': 'x' }), 'Invalid value: "app name"'],
  ])('%s', (_name, make, message) => {
    expect(make).toThrow(message);
  });
});

describe('ipBlock peers', () => {
  test('valid blocks render cidr and except (omitted when empty)', () => {
    expect(Peer.ipBlock('10.0.0.0/8', '10.1.0.0/16').toJson()).toEqual({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } });
    expect(Peer.ipBlock('10.0.0.0/8').toJson()).toEqual({ ipBlock: { cidr: '10.0.0.0/8' } });
    expect(Peer.ipBlock('fd00::/8', 'fd00:1::/32').toJson()).toEqual({ ipBlock: { cidr: 'fd00::/8', except: ['fd00:1::/32'] } });
    expect(Peer.ipBlock('10.0.0.0/8')).toBeInstanceOf(IpBlockPeer);
  });

  test.each([
    ['ip v4', Peer.ip('10.1.2.3'), { ipBlock: { cidr: '10.1.2.3/32' } }],
    ['ip v6', Peer.ip('fd00::1'), { ipBlock: { cidr: 'fd00::1/128' } }],
    ['anyIpv4', Peer.anyIpv4('10.0.0.0/8'), { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }],
    ['anyIpv6', Peer.anyIpv6(), { ipBlock: { cidr: '::/0' } }],
  ])('%s', (_name, peer, json) => {
    expect(peer.toJson()).toEqual(json);
  });

  test('anywhere() is two peers, IPv4 and IPv6', () => {
    expect(Peer.anywhere().map((p) => p.toJson())).toEqual([{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }]);
  });

  test.each([
    ['a bare IP', () => Peer.ipBlock('10.0.0.1'),
      'ipBlock.cidr: Invalid value: "10.0.0.1": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64) (did you mean "10.0.0.1/32"?)'],
    ['host bits set', () => Peer.ipBlock('10.0.0.1/8'),
      'ipBlock.cidr: Invalid value: "10.0.0.1/8": must not have bits set beyond the prefix length (did you mean "10.0.0.0/8" or "10.0.0.1/32"?)'],
    ['leading zeros', () => Peer.ipBlock('010.0.0.0/8'), 'must not have leading 0s in IP or prefix length (did you mean "10.0.0.0/8"?)'],
    ['IPv4-mapped', () => Peer.ipBlock('::ffff:10.0.0.0/104'), 'must not have an IPv4-mapped IPv6 address (did you mean "10.0.0.0/8"?)'],
    ['prefix too long', () => Peer.ipBlock('10.0.0.0/33'), 'must be a valid CIDR value'],
    ['except outside', () => Peer.ipBlock('10.0.0.0/16', '10.1.0.0/16'),
      'ipBlock.except[0]: Invalid value: "10.1.0.0/16": must be a strict subset of `cidr` (an except must lie strictly inside 10.0.0.0/16)'],
    ['except equal', () => Peer.ipBlock('10.0.0.0/16', '10.0.0.0/16'), 'Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`'],
    ['except wider', () => Peer.ipBlock('10.0.0.0/16', '10.0.0.0/8'), 'Invalid value: "10.0.0.0/8": must be a strict subset of `cidr`'],
    ['except of the other family', () => Peer.ipBlock('10.0.0.0/8', 'fd00::/64'),
      'must be a strict subset of `cidr` (fd00::/64 is IPv6 but the cidr 10.0.0.0/8 is not; put it in a separate ipBlock)'],
    ['except not a CIDR', () => Peer.ipBlock('10.0.0.0/8', '10.1.2.3'), 'ipBlock.except[0]: Invalid value: "10.1.2.3": must be a valid CIDR value'],
    ['an IPv6 zone', () => Peer.ipBlock('fe80::%eth0/64'), 'must be a valid CIDR value'],
    ['ip() of a non-address', () => Peer.ip('10.1.2'), 'Peer.ip: "10.1.2" is not an IP address'],
  ])('%s throws', (_name, make, message) => {
    expect(make).toThrow(message);
  });

  test('the error is a NetpolValidationError with rule codes', () => {
    try {
      Peer.ipBlock('10.0.0.0/16', '10.1.0.0/16', '10.0.0.0/16');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NetpolValidationError);
      expect((e as NetpolValidationError).issues.map((i) => `${i.code} ${i.field}`)).toEqual(['V-24 ipBlock.except[0]', 'V-24 ipBlock.except[1]']);
    }
  });

  test('from JSON, non-canonical CIDRs are warnings unless strict', () => {
    const peer = Peer._fromJson({ ipBlock: { cidr: '10.0.0.1/8' } });
    expect(peer.validate('spec.egress[0].to[0]').map((i) => [i.code, i.severity, i.field])).toEqual([
      ['V-22', 'warning', 'spec.egress[0].to[0].ipBlock.cidr'],
    ]);
    expect(peer.validate('spec.egress[0].to[0]', true).map((i) => i.severity)).toEqual(['error']);
  });
});

describe('Peer._fromJson picks the class the JSON means', () => {
  test.each([
    [{ podSelector: { matchLabels: { a: 'b' } } }, PodPeer],
    [{ namespaceSelector: {} }, NamespacePeer],
    [{ podSelector: {}, namespaceSelector: {} }, PodsInNamespacesPeer],
    [{ ipBlock: { cidr: '10.0.0.0/8' } }, IpBlockPeer],
    [{}, PodPeer],
  ])('%j', (json, type) => {
    const peer = Peer._fromJson(json);
    expect(peer).toBeInstanceOf(type);
    if (Object.keys(json).length > 0) expect(peer.toJson()).toEqual(json);
  });

  test('selector problems are reported under the peer path', () => {
    const peer = Peer._fromJson({ podSelector: { matchLabels: { 'a b': 'x' } }, namespaceSelector: { matchLabels: { ok: '-bad' } } });
    expect(peer.validate('spec.ingress[0].from[2]').map((i) => `${i.code} ${i.field}`)).toEqual([
      'V-5 spec.ingress[0].from[2].podSelector.matchLabels',
      'V-6 spec.ingress[0].from[2].namespaceSelector.matchLabels',
    ]);
  });
});

describe('toString', () => {
  test.each([
    [Peer.pods({ app: 'web' }), "pods app=web in the policy's namespace"],
    [Peer.sameNamespace(), "all pods in the policy's namespace"],
    [Peer.namespace('shop'), 'all pods in namespace shop'],
    [Peer.anyPodInCluster(), 'all pods in all namespaces'],
    [Peer.pods({ app: 'web' }).inNamespacesLabelled({ team: 'x' }), 'pods app=web in namespaces team=x'],
    [Peer.ipBlock('10.0.0.0/8', '10.1.0.0/16'), '10.0.0.0/8 except 10.1.0.0/16'],
  ])('%s', (peer, text) => {
    expect(peer.toString()).toBe(text);
  });
});
