import { describe, expect, test } from 'vitest';
import { SideOutcome, WorkloadInfo } from '../../lib/analysis';
import { Protocol } from '../../lib/model';
import { analyzerFor, np } from './fixtures';

// Subtle points of docs/semantics.md that the oracle's visible cases do not pin down, each checked
// through the single-flow verdict AND the class matrix (which must agree).

const PODS: WorkloadInfo[] = [
  { namespace: 'x', name: 'a', labels: { app: 'a', flag: '' }, ips: ['10.0.0.1'], containerPorts: [{ name: 'http', port: 80 }, { name: 'sig', port: 2905, protocol: Protocol.SCTP }] },
  { namespace: 'x', name: 'b', labels: { app: 'b' }, ips: ['10.0.0.2'], containerPorts: [{ name: 'http', port: 8080 }] },
  { namespace: 'x', name: 'dual', labels: { app: 'dual' }, ips: ['10.0.0.3', 'fd00::3'] },
  { namespace: 'y', name: 'a', labels: { app: 'a' }, ips: ['10.0.1.1'] },
  { namespace: 'x', name: 'api', kind: 'Deployment', labels: { app: 'api' } },
  { namespace: 'x', name: 'node-agent', labels: { app: 'agent' }, ips: ['192.168.0.5'], hostNetwork: true, containerPorts: [{ name: 'metrics', port: 9100 }] },
];
const EXTERNAL = '203.0.113.5';
const APP = (app: string) => ({ matchLabels: { app } });
const DENY_ALL = np('x', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const EGR = (selector: unknown, rules: unknown[]) => np('x', 'egress', { podSelector: selector, policyTypes: ['Egress'], egress: rules });
const ING = (selector: unknown, rules: unknown[]) => np('x', 'ingress', { podSelector: selector, policyTypes: ['Ingress'], ingress: rules });

type Row = [title: string, policies: unknown[], from: string, to: string, port: number, protocol: Protocol, allowed: boolean];

const rows: Row[] = [
  // Rules 21-23 against pod IPs.
  ['egress 0.0.0.0/0 except a pod /32: that pod is denied', [EGR(APP('a'), [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.2/32'] } }] }])], 'x/a', 'x/b', 8080, Protocol.TCP, false],
  ['... the other pods and external IPs are allowed', [EGR(APP('a'), [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.2/32'] } }] }])], 'x/a', 'y/a', 80, Protocol.TCP, true],
  ['... and a selector peer still allows the excepted pod (union)', [EGR(APP('a'), [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.2/32'] } }, { podSelector: APP('b') }] }])], 'x/a', 'x/b', 8080, Protocol.TCP, true],
  ['ipBlock matches a pod by its second (IPv6) address', [ING(APP('a'), [{ from: [{ ipBlock: { cidr: 'fd00::/64' } }] }])], 'x/dual', 'x/a', 80, Protocol.TCP, true],
  ['an IPv6 block does not match an IPv4-only pod', [ING(APP('a'), [{ from: [{ ipBlock: { cidr: 'fd00::/64' } }] }])], 'x/b', 'x/a', 80, Protocol.TCP, false],
  ['a workload without IPs is not matched by 0.0.0.0/0', [ING(APP('a'), [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }])], 'x/api', 'x/a', 80, Protocol.TCP, false],
  // Rules 17, 18: selectors never match external IPs; an ipBlock peer beside them does.
  ['namespaceSelector {} beside an ipBlock: the external is matched by the block only', [ING(APP('a'), [{ from: [{ namespaceSelector: {} }, { ipBlock: { cidr: '203.0.113.0/29' } }] }])], EXTERNAL, 'x/a', 80, Protocol.TCP, true],
  ['egress to namespaceSelector {} does not reach external IPs', [EGR(APP('a'), [{ to: [{ namespaceSelector: {} }] }])], 'x/a', EXTERNAL, 443, Protocol.TCP, false],
  ['egress to namespaceSelector {} reaches pods of every namespace', [EGR(APP('a'), [{ to: [{ namespaceSelector: {} }] }])], 'x/a', 'y/a', 443, Protocol.TCP, true],
  // Rule 19 on pod labels.
  ['NotIn matches a pod without the key', [ING(APP('a'), [{ from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] } }] }])], 'x/b', 'x/a', 80, Protocol.TCP, true],
  ['In requires the key', [ING(APP('a'), [{ from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] } }] }])], 'x/b', 'x/a', 80, Protocol.TCP, false],
  ['Exists holds for a label with an empty value', [ING(APP('b'), [{ from: [{ podSelector: { matchExpressions: [{ key: 'flag', operator: 'Exists' }] } }] }])], 'x/a', 'x/b', 8080, Protocol.TCP, true],
  ['matchLabels with an empty value needs the key', [ING(APP('a'), [{ from: [{ podSelector: { matchLabels: { flag: '' } } }] }])], 'x/b', 'x/a', 80, Protocol.TCP, false],
  // Rules 26-32: ports and protocols.
  ['a named port never matches an external IP, even on the same number', [EGR(APP('a'), [{ ports: [{ port: 'http' }] }])], 'x/a', EXTERNAL, 80, Protocol.TCP, false],
  ['a numeric port does match an external IP', [EGR(APP('a'), [{ ports: [{ port: 80 }] }])], 'x/a', EXTERNAL, 80, Protocol.TCP, true],
  ['a numeric port matches a pod that declares no such container port', [ING(APP('b'), [{ ports: [{ port: 9999 }] }])], 'x/a', 'x/b', 9999, Protocol.TCP, true],
  ['an SCTP named port resolves with protocol SCTP', [ING(APP('a'), [{ ports: [{ port: 'sig', protocol: 'SCTP' }] }])], 'x/b', 'x/a', 2905, Protocol.SCTP, true],
  ['... and not without it (the entry defaults to TCP)', [ING(APP('a'), [{ ports: [{ port: 'sig' }] }])], 'x/b', 'x/a', 2905, Protocol.SCTP, false],
  ['a UDP endPort range does not open TCP', [ING(APP('a'), [{ ports: [{ port: 30000, endPort: 32767, protocol: 'UDP' }] }])], 'x/b', 'x/a', 31000, Protocol.TCP, false],
  ['a UDP endPort range opens its first port', [ING(APP('a'), [{ ports: [{ port: 30000, endPort: 32767, protocol: 'UDP' }] }])], 'x/b', 'x/a', 30000, Protocol.UDP, true],
  ['an SCTP range opens SCTP inside it', [ING(APP('a'), [{ ports: [{ port: 2900, endPort: 2910, protocol: 'SCTP' }] }])], 'x/b', 'x/a', 2910, Protocol.SCTP, true],
  ['ports: [{protocol: SCTP}] opens every SCTP port and no TCP', [ING(APP('a'), [{ ports: [{ protocol: 'SCTP' }] }])], 'x/b', 'x/a', 80, Protocol.TCP, false],
  // Rules 5, 6, 13, 14.
  ['policyTypes [Ingress, Egress] with no rules isolates egress too', [np('x', 'p', { podSelector: APP('a'), policyTypes: ['Ingress', 'Egress'] })], 'x/a', EXTERNAL, 443, Protocol.TCP, false],
  ['egress: [{}] without policyTypes allows all egress', [np('x', 'p', { podSelector: APP('a'), egress: [{}] })], 'x/a', EXTERNAL, 443, Protocol.TCP, true],
  ['to: [] and ports: [] in one rule is allow-all', [EGR(APP('a'), [{ to: [], ports: [] }])], 'x/a', EXTERNAL, 7, Protocol.SCTP, true],
  ['an Ingress policy does not isolate egress (half isolation)', [np('x', 'p', { podSelector: {}, policyTypes: ['Ingress'] })], 'x/a', EXTERNAL, 443, Protocol.TCP, true],
  // Rule 33: only one pod is exempt; a workload's replicas are governed by policies.
  ['a pod reached by its own IP is loopback', [DENY_ALL], 'x/a', '10.0.0.1', 80, Protocol.TCP, true],
  ['a Deployment to itself is replica traffic: denied by a default deny', [DENY_ALL], 'x/api', 'x/api', 80, Protocol.TCP, false],
  ['... and allowed when a rule allows the replicas', [DENY_ALL, np('x', 'peers', { podSelector: APP('api'), policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: APP('api') }] }], egress: [{ to: [{ podSelector: APP('api') }] }] })], 'x/api', 'x/api', 80, Protocol.TCP, true],
  // Rule 35: hostNetwork pods.
  ['a hostNetwork destination is not isolated by a default deny', [DENY_ALL], 'y/a', 'x/node-agent', 9100, Protocol.TCP, true],
  ['a hostNetwork destination is matched by an egress ipBlock on the node IP', [EGR(APP('a'), [{ to: [{ ipBlock: { cidr: '192.168.0.0/24' } }] }])], 'x/a', 'x/node-agent', 9100, Protocol.TCP, true],
  ['a hostNetwork destination is not matched by podSelector {}', [EGR(APP('a'), [{ to: [{ podSelector: {} }] }])], 'x/a', 'x/node-agent', 9100, Protocol.TCP, false],
];

describe('subtle semantics', () => {
  test.each(rows)('%s', (_title, policies, from, to, port, protocol, allowed) => {
    const analyzer = analyzerFor(policies, PODS);
    expect(analyzer.explain(from, to, port, protocol).allowed).toBe(allowed);
    const matrix = analyzer.matrix({ ports: [{ port, protocol }], externals: [EXTERNAL] });
    expect(matrix.isAllowed(from, to, port, protocol)).toBe(allowed);
  });
});

describe('verdict details', () => {
  test('a Deployment to itself is not the loopback exemption, and says why', () => {
    const v = analyzerFor([DENY_ALL], PODS).explain('x/api', 'x/api', 80);
    expect(v.loopback).toBe(false);
    expect(v.egress.outcome).toBe(SideOutcome.DENIED);
    expect(v.notes).toEqual(['x/api is a Deployment: this is traffic between two of its pods, which its policies decide like any other (each pod can always reach itself: loopback exemption)']);
  });

  test('IPv6 endpoints are the same whatever way they are written', () => {
    const analyzer = analyzerFor([ING(APP('a'), [{ from: [{ ipBlock: { cidr: '2001:db8::/32' } }] }])], PODS);
    for (const text of ['2001:DB8::5', '2001:0db8:0000:0000::5', 'ip:2001:db8::5']) {
      const v = analyzer.explain(text, 'x/a', 80);
      expect([v.from, v.allowed]).toEqual(['ip:2001:db8::5', true]);
    }
    const matrix = analyzer.matrix({ ports: [{ port: 80 }], externals: ['2001:0DB8::5'] });
    expect(matrix.isAllowed('2001:db8:0::5', 'x/a', 80)).toBe(true);
  });

  test('protocols other than TCP, UDP and SCTP are errors, not silent denials (rule 32)', () => {
    const analyzer = analyzerFor([], PODS);
    expect(() => analyzer.explain('x/a', 'x/b', 80, 'tcp' as Protocol)).toThrow('protocol "tcp" is not one NetworkPolicy knows: use TCP, UDP or SCTP (upper case)');
    expect(() => analyzer.matrix({ ports: [{ port: 80, protocol: 'ICMP' as Protocol }] })).toThrow('protocol "ICMP" is not one NetworkPolicy knows');
  });
});
