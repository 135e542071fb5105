import { describe, expect, test } from 'vitest';
import { Protocol } from '../../lib/model';
import { analyzerFor, np } from './fixtures';

// One or more rows per rule of docs/semantics.md. Each row: the policies (raw JSON), a flow, and
// whether Kubernetes allows it.

const DENY_X = np('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const ING = (namespace: string, name: string, selector: unknown, rules: unknown[]) =>
  np(namespace, name, { podSelector: selector, policyTypes: ['Ingress'], ingress: rules });
const EGR = (namespace: string, name: string, selector: unknown, rules: unknown[]) =>
  np(namespace, name, { podSelector: selector, policyTypes: ['Egress'], egress: rules });
const APP = (app: string) => ({ matchLabels: { app } });
const ONLY_B = ING('x', 'only-b', APP('a'), [{ from: [{ podSelector: APP('b') }] }]);

type Row = [rule: string, title: string, policies: unknown[], from: string, to: string, port: number, protocol: Protocol, allowed: boolean];

const rows: Row[] = [
  ['1', 'no policy: open', [], 'y/a', 'x/a', 80, Protocol.TCP, true],
  ['2', 'ingress isolation does not restrict egress', [ING('x', 'i', {}, [])], 'x/a', 'y/a', 80, Protocol.TCP, true],
  ['2', 'ingress isolation denies', [ING('x', 'i', {}, [])], 'y/a', 'x/a', 80, Protocol.TCP, false],
  ['3', 'a policy never isolates another namespace', [ING('x', 'i', {}, [])], 'x/a', 'y/a', 80, Protocol.TCP, true],
  ['4', 'omitted podSelector selects the whole namespace', [np('x', 'p', { policyTypes: ['Ingress'] })], 'y/a', 'x/b', 80, Protocol.TCP, false],
  ['5a', 'egress rules without policyTypes also isolate ingress', [np('x', 'p', { podSelector: APP('a'), egress: [{}] })], 'y/a', 'x/a', 80, Protocol.TCP, false],
  ['5a', '... and allow the egress their rules allow', [np('x', 'p', { podSelector: APP('a'), egress: [{}] })], 'x/a', 'y/a', 80, Protocol.TCP, true],
  ['5b', 'egress: [] without policyTypes does not isolate egress', [np('x', 'p', { podSelector: APP('a'), egress: [] })], 'x/a', 'y/a', 80, Protocol.TCP, true],
  ['5', 'policyTypes: [] is defaulted like a missing one', [np('x', 'p', { podSelector: APP('a'), policyTypes: [], egress: [{ to: [{ podSelector: APP('b') }] }] })], 'x/a', 'y/a', 80, Protocol.TCP, false],
  ['5c', 'a spec with only a podSelector denies all ingress', [np('x', 'p', { podSelector: APP('a') })], 'x/b', 'x/a', 80, Protocol.TCP, false],
  ['6', 'ingress rules are inert under policyTypes [Egress]', [np('x', 'p', { podSelector: APP('a'), policyTypes: ['Egress'], ingress: [{ from: [{ podSelector: APP('b') }] }] })], 'y/a', 'x/a', 80, Protocol.TCP, true],
  ['7', 'selected but every rule matches nothing: still isolated', [ING('x', 'p', APP('a'), [{ ports: [{ protocol: 'SCTP' }] }])], 'x/b', 'x/a', 80, Protocol.TCP, false],
  ['8', 'a policy selecting no pod has no effect', [ING('x', 'p', APP('nobody'), [])], 'x/b', 'x/a', 80, Protocol.TCP, true],
  ['9', 'union: an allow-all policy overrides a narrower one', [ONLY_B, ING('x', 'all', APP('a'), [{}])], 'y/a', 'x/a', 80, Protocol.TCP, true],
  ['9', 'union: the narrower one alone denies', [ONLY_B], 'y/a', 'x/a', 80, Protocol.TCP, false],
  ['10', 'egress deny on the client wins over ingress allow', [EGR('y', 'e', APP('a'), []), ING('x', 'i', APP('a'), [{}])], 'y/a', 'x/a', 80, Protocol.TCP, false],
  ['10', 'ingress deny on the server wins over egress allow', [EGR('y', 'e', APP('a'), [{}]), ING('x', 'i', APP('a'), [])], 'y/a', 'x/a', 80, Protocol.TCP, false],
  ['11', 'external -> pod: only the pod ingress counts', [ING('x', 'i', APP('a'), [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }])], '203.0.113.5', 'x/a', 80, Protocol.TCP, true],
  ['11', 'pod -> external: only the pod egress counts', [EGR('x', 'e', APP('a'), [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }])], 'x/a', '203.0.113.5', 443, Protocol.TCP, true],
  ['12', 'peer matches but port does not', [ING('x', 'i', APP('a'), [{ from: [{ podSelector: APP('b') }], ports: [{ port: 81 }] }])], 'x/b', 'x/a', 80, Protocol.TCP, false],
  ['13', 'from: [] is every peer, external included', [ING('x', 'i', APP('a'), [{ from: [], ports: [{ port: 80 }] }])], '203.0.113.5', 'x/a', 80, Protocol.TCP, true],
  ['14', 'ports: [] is every port of every protocol', [ING('x', 'i', APP('a'), [{ from: [{ podSelector: APP('b') }], ports: [] }])], 'x/b', 'x/a', 5000, Protocol.SCTP, true],
  ['15', 'peers are ORed (second entry)', [ING('x', 'i', APP('a'), [{ from: [{ podSelector: APP('nobody') }, { namespaceSelector: { matchLabels: { env: 'dev' } } }] }])], 'y/b', 'x/a', 80, Protocol.TCP, true],
  ['16', 'podSelector alone: own namespace only', [ING('x', 'i', APP('a'), [{ from: [{ podSelector: APP('b') }] }])], 'y/b', 'x/a', 80, Protocol.TCP, false],
  ['16', 'podSelector: {} alone: every pod of the own namespace', [ING('x', 'i', APP('a'), [{ from: [{ podSelector: {} }] }])], 'x/b', 'x/a', 80, Protocol.TCP, true],
  ['17', 'namespaceSelector alone: every pod of matching namespaces', [ING('x', 'i', APP('a'), [{ from: [{ namespaceSelector: { matchLabels: { env: 'dev' } } }] }])], 'y/a', 'x/a', 80, Protocol.TCP, true],
  ['17', 'namespaceSelector: {} never matches external IPs', [ING('x', 'i', APP('a'), [{ from: [{ namespaceSelector: {} }] }])], '203.0.113.5', 'x/a', 80, Protocol.TCP, false],
  ['18', 'both selectors in one entry: AND', [ING('x', 'i', APP('a'), [{ from: [{ namespaceSelector: { matchLabels: { env: 'dev' } }, podSelector: APP('b') }] }])], 'y/a', 'x/a', 80, Protocol.TCP, false],
  ['18', 'both selectors in one entry: the pod that has both', [ING('x', 'i', APP('a'), [{ from: [{ namespaceSelector: { matchLabels: { env: 'dev' } }, podSelector: APP('b') }] }])], 'y/b', 'x/a', 80, Protocol.TCP, true],
  ['18', 'pods {} in namespaces {}: still not external', [ING('x', 'i', APP('a'), [{ from: [{ namespaceSelector: {}, podSelector: {} }] }])], '203.0.113.5', 'x/a', 80, Protocol.TCP, false],
  ['19', 'NotIn matches a namespace without the key', [ING('x', 'i', APP('a'), [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod', 'dev'] }] } }] }])], 'z/c', 'x/a', 80, Protocol.TCP, true],
  ['19', 'DoesNotExist excludes pods with the key', [ING('x', 'i', APP('a'), [{ from: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] } }] }])], 'y/b', 'x/a', 80, Protocol.TCP, false],
  ['20', 'namespaces are selectable by kubernetes.io/metadata.name', [ING('x', 'i', APP('a'), [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'z' } } }] }])], 'z/c', 'x/a', 80, Protocol.TCP, true],
  ['21', 'ipBlock except removes addresses', [ING('x', 'i', APP('a'), [{ from: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.0/29'] } }] }])], '203.0.113.5', 'x/a', 80, Protocol.TCP, false],
  ['22', 'ipBlock matches pod IPs', [ING('x', 'i', APP('a'), [{ from: [{ ipBlock: { cidr: '10.0.1.0/24' } }] }])], 'y/a', 'x/a', 80, Protocol.TCP, true],
  ['22', 'a workload without known IPs is never matched by an ipBlock', [ING('x', 'i', APP('a'), [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }])], 'z/tmpl', 'x/a', 80, Protocol.TCP, false],
  ['23', 'an excepted IP is still allowed by another peer', [ING('x', 'i', APP('a'), [{ from: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.0/29'] } }, { ipBlock: { cidr: '203.0.113.5/32' } }] }])], '203.0.113.5', 'x/a', 80, Protocol.TCP, true],
  ['24', 'host bits in the cidr are ignored', [ING('x', 'i', APP('a'), [{ from: [{ ipBlock: { cidr: '203.0.113.77/24' } }] }])], '203.0.113.5', 'x/a', 80, Protocol.TCP, true],
  ['25', 'IPv4 never falls in an IPv6 block', [ING('x', 'i', APP('a'), [{ from: [{ ipBlock: { cidr: '::/0' } }] }])], '203.0.113.5', 'x/a', 80, Protocol.TCP, false],
  ['25', 'IPv6 falls in an IPv6 block', [ING('x', 'i', APP('a'), [{ from: [{ ipBlock: { cidr: '2001:db8::/32' } }] }])], '2001:db8::5', 'x/a', 80, Protocol.TCP, true],
  ['26', 'a port entry without protocol is TCP', [ING('x', 'i', APP('a'), [{ ports: [{ port: 53 }] }])], 'x/b', 'x/a', 53, Protocol.UDP, false],
  ['27', 'protocol without port: every port of it', [ING('x', 'i', APP('a'), [{ ports: [{ protocol: 'UDP' }] }])], 'x/b', 'x/a', 9999, Protocol.UDP, true],
  ['27', 'ports: [{}] is every TCP port only', [ING('x', 'i', APP('a'), [{ ports: [{}] }])], 'x/b', 'x/a', 9999, Protocol.UDP, false],
  ['27', 'ports: [{}] allows any TCP port', [ING('x', 'i', APP('a'), [{ ports: [{}] }])], 'x/b', 'x/a', 9999, Protocol.TCP, true],
  ['28', 'egress ports are the destination ports', [EGR('x', 'e', APP('a'), [{ ports: [{ port: 8080 }] }])], 'x/a', 'x/b', 8080, Protocol.TCP, true],
  ['29', 'endPort is inclusive', [ING('x', 'i', APP('a'), [{ ports: [{ port: 8000, endPort: 8080 }] }])], 'x/b', 'x/a', 8080, Protocol.TCP, true],
  ['29', 'past endPort is outside', [ING('x', 'i', APP('a'), [{ ports: [{ port: 8000, endPort: 8080 }] }])], 'x/b', 'x/a', 8081, Protocol.TCP, false],
  ['30', 'ingress named port resolves on the destination', [ING('x', 'i', {}, [{ ports: [{ port: 'http' }] }])], 'x/a', 'x/b', 8080, Protocol.TCP, true],
  ['30', '... not on the source (x/a calls 80 http)', [ING('x', 'i', {}, [{ ports: [{ port: 'http' }] }])], 'x/a', 'x/b', 80, Protocol.TCP, false],
  ['30', 'egress named port resolves on the remote destination', [EGR('x', 'e', APP('b'), [{ ports: [{ port: 'http' }] }])], 'x/b', 'x/a', 80, Protocol.TCP, true],
  ['30', 'named port with another protocol does not match', [EGR('x', 'e', APP('b'), [{ ports: [{ port: 'dns', protocol: 'TCP' }] }])], 'x/b', 'x/a', 53, Protocol.TCP, false],
  ['30', 'named port with its protocol matches', [EGR('x', 'e', APP('b'), [{ ports: [{ port: 'dns', protocol: 'UDP' }] }])], 'x/b', 'x/a', 53, Protocol.UDP, true],
  ['31', 'a named port never matches an external destination', [EGR('x', 'e', APP('a'), [{ ports: [{ port: 'http' }] }])], 'x/a', '203.0.113.5', 80, Protocol.TCP, false],
  ['32', 'an SCTP allow does not allow TCP on the same number', [ING('z', 'i', {}, [{ ports: [{ port: 80, protocol: 'SCTP' }] }])], 'x/a', 'z/c', 80, Protocol.TCP, false],
  ['32', '... and allows SCTP', [ING('z', 'i', {}, [{ ports: [{ port: 80, protocol: 'SCTP' }] }])], 'x/a', 'z/c', 80, Protocol.SCTP, true],
  ['33', 'a pod can always reach itself', [DENY_X], 'x/a', 'x/a', 80, Protocol.TCP, true],
  ['35', 'hostNetwork pods are not isolated by policies', [DENY_X], 'y/a', 'x/host', 9100, Protocol.TCP, true],
  ['35', 'selectors do not match hostNetwork pods', [ING('x', 'i', APP('a'), [{ from: [{ podSelector: {} }] }])], 'x/host', 'x/a', 80, Protocol.TCP, false],
  ['35', 'an ipBlock covering the node IP matches a hostNetwork pod', [ING('x', 'i', APP('a'), [{ from: [{ ipBlock: { cidr: '192.168.1.0/24' } }] }])], 'x/host', 'x/a', 80, Protocol.TCP, true],
];

describe('docs/semantics.md rule by rule', () => {
  test.each(rows)('rule %s: %s', (_rule, _title, policies, from, to, port, protocol, allowed) => {
    const analyzer = analyzerFor(policies);
    expect(analyzer.explain(from, to, port, protocol).allowed).toBe(allowed);
    // The class matrix agrees with the single-flow evaluation.
    const matrix = analyzer.matrix({ ports: [{ port, protocol }] });
    expect(matrix.isAllowed(from, to, port, protocol)).toBe(allowed);
  });
});
