import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { Analyzer, Cluster } from '../../lib/analysis';
import { Protocol } from '../../lib/model';
import { fuzzParams, fuzzTimeout } from '../property/fuzz-settings';

// Random Admin and Baseline ClusterNetworkPolicies (and simple NetworkPolicies) on a small
// cluster: every verdict of the analyzer (explain, matrix, connection sets) equals a naive
// reference written straight from docs/cluster-network-policy.md, one connection at a time
// (tiers, priority then name, first matching rule, Pass, peers ORed and ANDed with protocols,
// named ports on the destination, networks matching pods too, no isolation by a CNP, loopback).

type Labels = { [k: string]: string };
interface Pod { ns: string; name: string; labels: Labels; ip: string; ports: Array<{ name: string; port: number; protocol: Protocol }> }
const NAMESPACES: { [ns: string]: Labels } = { x: { t: '1' }, y: { t: '1' }, z: { t: '2' } };
const PODS: Pod[] = [
  { ns: 'x', name: 'a', labels: { app: 'a' }, ip: '10.0.1.1', ports: [{ name: 'http', port: 80, protocol: Protocol.TCP }, { name: 'dns', port: 53, protocol: Protocol.UDP }] },
  { ns: 'x', name: 'b', labels: { app: 'b' }, ip: '10.0.1.2', ports: [{ name: 'http', port: 8080, protocol: Protocol.TCP }] },
  { ns: 'y', name: 'a', labels: { app: 'a' }, ip: '10.0.2.1', ports: [{ name: 'web', port: 443, protocol: Protocol.TCP }] },
  { ns: 'z', name: 'c', labels: { app: 'c' }, ip: '10.0.3.1', ports: [{ name: 'http', port: 443, protocol: Protocol.TCP }] },
];
const EXTERNAL = '8.8.8.8';
const PORTS: Array<[number, Protocol]> = [[80, Protocol.TCP], [443, Protocol.TCP], [8080, Protocol.TCP], [53, Protocol.UDP]];

// Selectors only by matchLabels, so the reference can match them by hand.
type Sel = Labels;
const nsSel = fc.constantFrom<Sel>({}, { 'kubernetes.io/metadata.name': 'x' }, { 'kubernetes.io/metadata.name': 'z' }, { t: '1' });
const podSel = fc.constantFrom<Sel>({}, { app: 'a' }, { app: 'c' });
type Peer = { namespaces: Sel } | { pods: { namespaceSelector?: Sel; podSelector: Sel } } | { networks: string[] };
const podPeer: fc.Arbitrary<Peer> = fc.oneof(
  nsSel.map((s) => ({ namespaces: s })),
  fc.tuple(fc.option(nsSel, { nil: undefined }), podSel).map(([n, p]) => ({ pods: { ...(n ? { namespaceSelector: n } : {}), podSelector: p } })),
);
const netPeer: fc.Arbitrary<Peer> = fc.subarray(['10.0.1.0/24', '10.0.3.1/32', '0.0.0.0/0', '8.8.8.0/24'], { minLength: 1 }).map((n) => ({ networks: n }));
type Proto = { tcp: { destinationPort: { number: number } | { range: { start: number; end: number } } } } | { udp: { destinationPort: { number: number } } } | { destinationNamedPort: string };
const proto = fc.constantFrom<Proto>({ tcp: { destinationPort: { number: 80 } } }, { tcp: { destinationPort: { number: 443 } } }, { tcp: { destinationPort: { range: { start: 80, end: 443 } } } },
  { udp: { destinationPort: { number: 53 } } }, { destinationNamedPort: 'http' });
const rule = (egress: boolean) => fc.record({
  action: fc.constantFrom('Accept', 'Deny', 'Pass'),
  peers: fc.array(egress ? fc.oneof(podPeer, netPeer) : podPeer, { minLength: 1, maxLength: 2 }),
  protocols: fc.option(fc.array(proto, { minLength: 1, maxLength: 2 }), { nil: undefined }),
}).filter((r) => !(r.protocols?.some((p) => 'destinationNamedPort' in p) && r.peers.some((p) => 'networks' in p)));
const cnp = fc.record({
  tier: fc.constantFrom('Admin', 'Baseline'),
  priority: fc.integer({ min: 0, max: 2 }),
  subject: fc.oneof(nsSel.map((s) => ({ namespaces: s })), fc.tuple(fc.option(nsSel, { nil: undefined }), podSel).map(([n, p]) => ({ pods: { ...(n ? { namespaceSelector: n } : {}), podSelector: p } }))),
  ingress: fc.array(rule(false), { maxLength: 2 }),
  egress: fc.array(rule(true), { maxLength: 2 }),
});
/** NetworkPolicies: in a namespace, a direction, allowing nothing or everything from/to one namespace. */
const np = fc.record({ ns: fc.constantFrom('x', 'z'), egress: fc.boolean(), allowNs: fc.option(fc.constantFrom('x', 'y', 'z'), { nil: undefined }) });

const matches = (sel: Sel, labels: Labels) => Object.entries(sel).every(([k, v]) => labels[k] === v);
const nsLabels = (ns: string) => ({ ...NAMESPACES[ns], 'kubernetes.io/metadata.name': ns });
const inCidr = (ip: string, cidr: string) => {
  const [base, bits] = cidr.split('/');
  const n = (s: string) => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(n(ip) / size) === Math.floor(n(base) / size);
};
type End = Pod | string;
const podSetMatches = (set: { namespaces: Sel } | { pods: { namespaceSelector?: Sel; podSelector: Sel } }, e: End) => typeof e !== 'string' && ('namespaces' in set
  ? matches(set.namespaces, nsLabels(e.ns))
  : matches(set.pods.namespaceSelector ?? {}, nsLabels(e.ns)) && matches(set.pods.podSelector, e.labels));
const peerMatches = (p: Peer, e: End) => ('networks' in p ? p.networks.some((c) => inCidr(typeof e === 'string' ? e : e.ip, c)) : podSetMatches(p, e));
const portMatches = (p: Proto, port: number, protocol: Protocol, dest: End) => {
  if ('destinationNamedPort' in p) return typeof dest !== 'string' && dest.ports.some((c) => c.name === p.destinationNamedPort && c.port === port && c.protocol === protocol);
  if ('udp' in p) return protocol === Protocol.UDP && port === p.udp.destinationPort.number;
  const d = p.tcp.destinationPort;
  return protocol === Protocol.TCP && ('number' in d ? port === d.number : port >= d.range.start && port <= d.range.end);
};

type Cnp = (typeof cnp extends fc.Arbitrary<infer T> ? T : never) & { name: string };
type Np = typeof np extends fc.Arbitrary<infer T> ? T : never;
function reference(cnps: Cnp[], nps: Np[], from: End, to: End, port: number, protocol: Protocol): boolean {
  if (typeof from !== 'string' && from === to) return true; // loopback / hairpin on the Pod IP
  const side = (subject: End, remote: End, egress: boolean): boolean => {
    if (typeof subject === 'string') return true;
    const tier = (t: string): string | undefined => {
      const ordered = cnps.filter((c) => c.tier === t).sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : 1));
      for (const c of ordered) {
        if (!podSetMatches(c.subject, subject)) continue;
        for (const r of egress ? c.egress : c.ingress) {
          if (r.peers.some((p) => peerMatches(p, remote)) && (r.protocols === undefined || r.protocols.some((p) => portMatches(p, port, protocol, to)))) return r.action;
        }
      }
      return undefined;
    };
    const admin = tier('Admin');
    if (admin === 'Accept' || admin === 'Deny') return admin === 'Accept';
    const selecting = nps.filter((n) => n.ns === subject.ns && n.egress === egress);
    if (selecting.length > 0) return selecting.some((n) => n.allowNs !== undefined && typeof remote !== 'string' && remote.ns === n.allowNs);
    return tier('Baseline') !== 'Deny';
  };
  return side(from, to, true) && side(to, from, false);
}

function manifests(cnps: Cnp[], nps: Np[]): unknown[] {
  const sel = (s: Sel) => ({ matchLabels: s });
  const set = (s: Cnp['subject']) => ('namespaces' in s ? { namespaces: sel(s.namespaces) } : { pods: { ...(s.pods.namespaceSelector ? { namespaceSelector: sel(s.pods.namespaceSelector) } : {}), podSelector: sel(s.pods.podSelector) } });
  const peer = (p: Peer) => ('networks' in p ? p : set(p as Cnp['subject']));
  const rules = (rs: Cnp['ingress'], key: 'from' | 'to') => rs.map((r) => ({ action: r.action, [key]: r.peers.map(peer), ...(r.protocols ? { protocols: r.protocols } : {}) }));
  return [
    ...Object.entries(NAMESPACES).map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } })),
    ...PODS.map((p) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace: p.ns, name: p.name, labels: p.labels },
      spec: { containers: [{ name: 'c', ports: p.ports.map((x) => ({ name: x.name, containerPort: x.port, protocol: x.protocol })) }] }, status: { podIP: p.ip } })),
    ...cnps.map((c) => ({ apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: c.name },
      spec: { tier: c.tier, priority: c.priority, subject: set(c.subject), ingress: rules(c.ingress, 'from'), egress: rules(c.egress, 'to') } })),
    ...nps.map((n, i) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: n.ns, name: `np${i}` },
      spec: { podSelector: {}, policyTypes: [n.egress ? 'Egress' : 'Ingress'],
        ...(n.allowNs ? { [n.egress ? 'egress' : 'ingress']: [{ [n.egress ? 'to' : 'from']: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': n.allowNs } } }] }] } : {}) } })),
  ];
}

test('every verdict equals the one-connection reference (explain, matrix and connection sets)', () => {
  fc.assert(fc.property(fc.array(cnp, { minLength: 1, maxLength: 4 }), fc.array(np, { maxLength: 2 }), (raw, nps) => {
    const cnps = raw.map((c, i) => ({ ...c, name: `p${i}` }));
    const cluster = Cluster.fromManifests(manifests(cnps, nps));
    expect(cluster.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const analyzer = Analyzer.of(cluster);
    const ends: End[] = [...PODS, EXTERNAL];
    const id = (e: End) => (typeof e === 'string' ? e : `${e.ns}/${e.name}`);
    const matrix = analyzer.matrix({ ports: PORTS.map(([port, protocol]) => ({ port, protocol })), externals: [EXTERNAL] });
    const sets = analyzer.connectionMatrix();
    for (const from of ends) {
      for (const to of ends) {
        if (typeof from === 'string' && typeof to === 'string') continue;
        for (const [port, protocol] of PORTS) {
          const want = reference(cnps, nps, from, to, port, protocol);
          const where = `${id(from)} -> ${id(to)} ${port}/${protocol}`;
          expect([where, analyzer.explain(id(from), id(to), port, protocol).allowed]).toEqual([where, want]);
          if (from !== to) {
            const mid = (e: End) => (typeof e === 'string' ? `ip:${e}` : id(e));
            expect([where, matrix.isAllowed(mid(from), mid(to), port, protocol)]).toEqual([where, want]);
            if (typeof from !== 'string' && typeof to !== 'string') expect([where, sets.between(id(from), id(to)).allows(port, protocol)]).toEqual([where, want]);
          }
        }
      }
    }
  }), fuzzParams(60));
}, fuzzTimeout(120_000));
