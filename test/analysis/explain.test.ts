import { describe, expect, test } from 'vitest';
import { Endpoint, MissedPart, SideOutcome, WorkloadInfo } from '../../lib/analysis';
import { PolicyType, Protocol } from '../../lib/model';
import { WORKLOADS, analyzerFor, np } from './fixtures';

const web = np('x', 'web', {
  podSelector: { matchLabels: { app: 'a' } },
  policyTypes: ['Ingress'],
  ingress: [
    { from: [{ podSelector: { matchLabels: { app: 'nobody' } } }], ports: [{ port: 80 }] },
    { from: [{ ipBlock: { cidr: '198.51.100.0/24' } }, { namespaceSelector: { matchLabels: { env: 'dev' } } }], ports: [{ port: 81 }, { port: 'http' }] },
    {},
  ],
});
const deny = np('x', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

describe('explanations', () => {
  test('names every rule that allowed a side, with peer and port indices', () => {
    const v = analyzerFor([web]).explain('y/a', 'x/a', 80);
    expect(v.allowed).toBe(true);
    expect(v.ingress).toEqual({
      direction: PolicyType.INGRESS, endpoint: 'x/a', outcome: SideOutcome.ALLOWED, allowed: true, policies: ['x/web'],
      allowedBy: [
        { policy: 'x/web', direction: PolicyType.INGRESS, ruleIndex: 1, peerIndex: 1, portIndex: 1, peer: 'all pods in namespaces env=dev', port: 'http/TCP', field: 'spec.ingress[1].from[1]' },
        { policy: 'x/web', direction: PolicyType.INGRESS, ruleIndex: 2, peer: 'every peer', port: 'every port', field: 'spec.ingress[2]' },
      ],
      nearMisses: [
        { policy: 'x/web', direction: PolicyType.INGRESS, ruleIndex: 0, field: 'spec.ingress[0]', missed: MissedPart.PEERS, expected: "pods app=nobody in the policy's namespace" },
      ],
    });
    expect(v.egress).toEqual({ direction: PolicyType.EGRESS, endpoint: 'y/a', outcome: SideOutcome.NOT_ISOLATED, allowed: true, policies: [], allowedBy: [], nearMisses: [] });
    expect(v.loopback).toBe(false);
    expect(v.notes).toEqual([]);
  });

  test('an isolated side that nothing allows lists the isolating policies', () => {
    const v = analyzerFor([deny]).check({ from: Endpoint.workload('x', 'a'), to: Endpoint.workload('x', 'b'), port: 8080, protocol: Protocol.TCP });
    expect(v.allowed).toBe(false);
    expect(v.egress).toMatchObject({ outcome: SideOutcome.DENIED, allowed: false, policies: ['x/deny'], allowedBy: [] });
    expect(v.ingress).toMatchObject({ outcome: SideOutcome.DENIED, allowed: false, policies: ['x/deny'], allowedBy: [] });
  });

  test('a denied side lists the rules that matched only the peer or only the port', () => {
    const narrow = np('x', 'narrow', {
      podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 8080 }, { port: 'dns', protocol: 'UDP' }] },
        { from: [{ ipBlock: { cidr: '198.51.100.0/24' } }], ports: [{ port: 80 }] },
        { from: [{ ipBlock: { cidr: '198.51.100.0/24' } }], ports: [{ port: 81 }] },
      ],
    });
    const v = analyzerFor([narrow]).explain('x/b', 'x/a', 80);
    expect(v.allowed).toBe(false);
    expect(v.ingress.nearMisses).toEqual([
      { policy: 'x/narrow', direction: PolicyType.INGRESS, ruleIndex: 0, field: 'spec.ingress[0]', missed: MissedPart.PORTS, expected: '8080/TCP, dns/UDP' },
      { policy: 'x/narrow', direction: PolicyType.INGRESS, ruleIndex: 1, field: 'spec.ingress[1]', missed: MissedPart.PEERS, expected: '198.51.100.0/24' },
    ]);
  });

  test('external endpoints have no policies', () => {
    const v = analyzerFor([deny]).explain('203.0.113.5', 'x/a', 80);
    expect(v.from).toBe('ip:203.0.113.5');
    expect(v.egress).toMatchObject({ endpoint: 'ip:203.0.113.5', outcome: SideOutcome.EXTERNAL, allowed: true });
    expect(v.ingress.outcome).toBe(SideOutcome.DENIED);
  });

  test('an IP that belongs to a pod is that pod', () => {
    const v = analyzerFor([deny]).explain('10.0.0.2', 'x/a', 80);
    expect(v.from).toBe('x/b');
    expect(v.egress.outcome).toBe(SideOutcome.DENIED);
  });

  test('pod to itself is the loopback exemption, and says what its policies alone would do', () => {
    const v = analyzerFor([deny]).explain('x/a', 'x/a', 80);
    expect(v.allowed).toBe(true);
    expect(v.loopback).toBe(true);
    expect(v.ingress.outcome).toBe(SideOutcome.DENIED);
    expect(v.notes).toEqual(['x/a to itself: a pod cannot block traffic to itself (loopback exemption); its policies alone would deny it']);
  });

  test('hostNetwork endpoints are flagged as node traffic', () => {
    const v = analyzerFor([deny]).explain('x/host', 'y/a', 80);
    expect(v.egress.outcome).toBe(SideOutcome.HOST_NETWORK);
    expect(v.notes).toHaveLength(1);
    expect(v.notes[0]).toMatch(/^x\/host uses hostNetwork: its traffic is node traffic\./);
  });

  describe('rule 34: a hostNetwork client and the node of the destination', () => {
    const on = (node: string | undefined): WorkloadInfo[] => WORKLOADS.map((w) => (w.name === 'host' ? { ...w, nodeName: node } : w.name === 'a' && w.namespace === 'y' ? { ...w, nodeName: 'n1' } : w));
    test.each([
      { node: 'n1', allowed: true, outcome: SideOutcome.FROM_OWN_NODE, note: /^x\/host runs on node n1, the node of y\/a: traffic from a pod's own node is always allowed into it \(rule 34\)$/ },
      { node: 'n2', allowed: false, outcome: SideOutcome.DENIED, note: /^x\/host runs on node n2, not on n1 where y\/a runs; from n1 itself it would be allowed \(rule 34\)$/ },
      { node: undefined, allowed: false, outcome: SideOutcome.DENIED, note: /^this verdict is for x\/host on another node than y\/a: from y\/a's own node it would be allowed/ },
    ])('client on node $node', ({ node, allowed, outcome, note }) => {
      const denyY = np('y', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
      const v = analyzerFor([denyY], on(node)).explain('x/host', 'y/a', 80);
      expect(v.allowed).toBe(allowed);
      expect(v.ingress.outcome).toBe(outcome);
      expect(v.notes[0]).not.toMatch(/own node is always/);
      expect(v.notes[1]).toMatch(note);
      // The matrix agrees with explain.
      expect(analyzerFor([denyY], on(node)).matrix({ ports: [{ port: 80 }] }).isAllowed('x/host', 'y/a', 80)).toBe(allowed);
    });
  });

  test('an assumed pod is evaluated with its labels and namespace labels; named ports cannot match it', () => {
    const p = np('x', 'named', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'dev' } } }], ports: [{ port: 'http' }] }] });
    const a = analyzerFor([p]);
    expect(a.explain('y/a', 'x/a', 80).allowed).toBe(true);
    const v = a.explain('y:app=new', 'x:app=a', 80);
    expect(v.allowed).toBe(false);
    expect(v.ingress.policies).toEqual(['x/named']);
    expect(v.notes).toEqual(['x:app=a is an assumed pod without declared container ports, so named ports (http) match nothing on it; give its manifest (with its ports) to resolve them']);
    // Namespace labels of the declared namespace apply to an assumed pod (env=dev for y, not for z).
    const q = np('x', 'from-dev', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'dev' } } }] }] });
    expect(analyzerFor([q]).isAllowed('y:app=new', 'x:app=a', 80)).toBe(true);
    expect(analyzerFor([q]).isAllowed('z:app=new', 'x:app=a', 80)).toBe(false);
  });

  test('an endpoint without IPs next to ipBlock rules is flagged', () => {
    const p = np('x', 'blocks', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] });
    const v = analyzerFor([p]).explain('z/tmpl', 'x/a', 80);
    expect(v.allowed).toBe(false);
    expect(v.notes).toEqual(['z/tmpl has no known IP, so the ipBlock peer x/blocks spec.ingress[0].from[0] (10.0.0.0/8) was not matched against it; if its pod IPs fall in that block the connection may be allowed']);
  });

  // Issue 13: the note named every policy selecting the pod, ipBlock or not.
  describe('the ipBlock note names only the policies and rules that could have matched', () => {
    const dns = np('x', 'allow-dns', {
      podSelector: {}, policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] }],
    });
    const web = np('x', 'web-out', {
      podSelector: {}, policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 443 }] },
        { to: [{ podSelector: { matchLabels: { app: 'c' } } }, { ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443 }] },
      ],
    });
    const cases: Array<[string, number, string[]]> = [
      ['ports of the ipBlock rule match', 443, ['z/tmpl has no known IP, so the ipBlock peer x/web-out spec.egress[1].to[1] (10.0.0.0/8) was not matched against it; if its pod IPs fall in that block the connection may be allowed']],
      ['no rule with an ipBlock has the port', 8080, []],
    ];
    test.each(cases)('%s', (_name, port, notes) => {
      const v = analyzerFor([deny, dns, web]).explain('x/a', 'z/tmpl', port);
      expect(v.allowed).toBe(false);
      expect(v.egress.policies).toEqual(['x/deny', 'x/allow-dns', 'x/web-out']);
      expect(v.notes).toEqual(notes);
    });
  });

  test('unknown endpoints and bad ports are clear errors', () => {
    const a = analyzerFor([]);
    expect(() => a.explain('x/zz', 'x/a', 80)).toThrow('unknown endpoint "x/zz": no pod or workload has that namespace/name (did you mean "x/a", "x/b", "x/host"?); for a pod the input does not hold, name it by namespace and labels, e.g. "x:app=zz"');
    expect(() => a.explain('x/a', 'x/b', 0)).toThrow('port 0 is not a port number: use an integer from 1 to 65535');
    expect(() => a.explain('frontend', 'x/b', 80)).toThrow('"frontend" is not an endpoint: write namespace/name (e.g. "web/frontend"), an IP address (e.g. "203.0.113.7") or namespace:labels for an assumed pod (e.g. "shop:app=web")');
  });
});
