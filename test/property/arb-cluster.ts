import * as fc from 'fast-check';
import { RefCluster, RefPod } from '../reference/reference-evaluator';

// Random small clusters and random raw NetworkPolicy JSON over small pools of labels, names,
// ports and CIDRs, so that selectors actually select, named ports resolve differently per pod and
// ipBlocks hit pod IPs and external IPs. Policies include every API quirk the API server accepts:
// omitted/empty policyTypes, `egress: []`, `ingress: [{}]`, `from: []`, `ports: [{}]`, a port
// entry with only a protocol, host bits in a cidr, both selectors in one peer.

export const NAMESPACES = ['x', 'y', 'z', 'w'];
export const EXTERNALS = ['192.0.2.10', '203.0.113.7', '2001:db8::5'];
/** The (port, protocol) pairs every connection is checked on. */
export const FLOW_PORTS: Array<{ port: number; protocol: string }> = [
  { port: 80, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 80, protocol: 'SCTP' },
  { port: 9090, protocol: 'TCP' },
  { port: 81, protocol: 'UDP' },
];

const podLabelKeys = ['app', 'tier', 'env'];
const podLabelValues = ['a', 'b', 'c', ''];
const nsLabelKeys = ['team', 'env', 'kubernetes.io/metadata.name'];
const nsLabelValues = ['x', 'y', 'prod', 'dev'];

const labelsOver = (keys: string[], values: string[]) => fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...values), { maxKeys: 3 });

/** Container ports: each name at most once per pod; the same name may mean different numbers on different pods. */
const containerPorts = fc
  .subarray([
    fc.constantFrom({ name: 'web', port: 80, protocol: 'TCP' }, { name: 'web', port: 8080, protocol: 'TCP' }, { name: 'web', port: 80, protocol: 'SCTP' }),
    fc.constant({ name: 'dns', port: 53, protocol: 'UDP' }),
    fc.constantFrom({ name: 'metrics', port: 9090, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'UDP' }),
    fc.constant({ port: 81, protocol: 'UDP' }),
  ])
  .chain((arbs) => (arbs.length === 0 ? fc.constant([]) : fc.tuple(...arbs)) as fc.Arbitrary<Array<{ name?: string; port: number; protocol: string }>>);

export const refCluster: fc.Arbitrary<RefCluster> = fc
  .tuple(
    fc.subarray(NAMESPACES, { minLength: 1 }),
    fc.array(fc.record({ labels: labelsOver(nsLabelKeys.slice(0, 2), nsLabelValues) }), { minLength: 4, maxLength: 4 }),
    fc.array(fc.record({ ns: fc.nat(3), labels: labelsOver(podLabelKeys, podLabelValues), ports: containerPorts }), { minLength: 1, maxLength: 8 }),
  )
  .map(([names, nsLabels, pods]) => ({
    namespaces: Object.fromEntries(names.map((n, i) => [n, nsLabels[i].labels])),
    pods: pods.map(
      (p, i): RefPod => ({
        namespace: names[p.ns % names.length],
        name: `p${i}`,
        labels: p.labels,
        ip: `10.0.${1 + (i % 3)}.${10 + i}`,
        ports: p.ports as RefPod['ports'],
      }),
    ),
  }));

const selectorJson = (keys: string[], values: string[]) =>
  fc.record(
    {
      matchLabels: labelsOver(keys, values),
      matchExpressions: fc.array(
        fc.oneof(
          fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('In', 'NotIn'), values: fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 2 }) }),
          fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
        ),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: [] },
  );
const podSelector = selectorJson(podLabelKeys, podLabelValues);
const namespaceSelector = fc.oneof(
  selectorJson(nsLabelKeys.slice(0, 2), nsLabelValues),
  fc.constantFrom(...NAMESPACES).map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })),
);

/** CIDRs with the excepts that lie strictly inside them. `10.0.1.77/24` has host bits (rule 24). */
const IP_BLOCKS: Array<[string, string[]]> = [
  ['10.0.0.0/8', ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.12/32']],
  ['10.0.0.0/16', ['10.0.2.0/24']],
  ['10.0.1.0/24', ['10.0.1.10/31']],
  ['10.0.1.77/24', []],
  ['10.0.2.11/32', []],
  ['0.0.0.0/0', ['10.0.0.0/8', '192.0.2.0/25']],
  ['192.0.2.0/24', ['192.0.2.10/32']],
  ['203.0.113.7/32', []],
  ['::/0', ['2001:db8::/64']],
  ['2001:db8::/32', []],
];
const ipBlock = fc
  .constantFrom(...IP_BLOCKS)
  .chain(([cidr, except]) => fc.subarray(except).map((ex) => (ex.length > 0 ? { cidr, except: ex } : { cidr })));

const peer = fc.oneof(
  podSelector.map((s) => ({ podSelector: s })),
  namespaceSelector.map((s) => ({ namespaceSelector: s })),
  fc.tuple(podSelector, namespaceSelector).map(([p, n]) => ({ podSelector: p, namespaceSelector: n })),
  ipBlock.map((b) => ({ ipBlock: b })),
);

const protocol = fc.constantFrom('TCP', 'UDP', 'SCTP');
const portEntry = fc.oneof(
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: protocol.map((p) => ({ protocol: p })) },
  { weight: 3, arbitrary: fc.record({ protocol, port: fc.constantFrom(53, 80, 81, 8080, 9090) }, { requiredKeys: ['port'] }) },
  { weight: 2, arbitrary: fc.record({ protocol, port: fc.constantFrom(53, 80, 81), endPort: fc.constantFrom(81, 8080, 9090) }, { requiredKeys: ['port', 'endPort'] }) },
  { weight: 4, arbitrary: fc.record({ protocol, port: fc.constantFrom('web', 'dns', 'metrics', 'nope') }, { requiredKeys: ['port'] }) },
);

/** A list that may be missing, empty, or hold 1..max items. */
const optionalList = <T>(item: fc.Arbitrary<T>, max: number) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant([] as T[]) },
    { weight: 5, arbitrary: fc.array(item, { minLength: 1, maxLength: max }) },
  );

const rule = (peerKey: 'from' | 'to') =>
  fc.record({ peers: optionalList(peer, 3), ports: optionalList(portEntry, 3) }).map(({ peers, ports }) => {
    const out: { [key: string]: unknown } = {};
    if (peers !== undefined) out[peerKey] = peers;
    if (ports !== undefined) out.ports = ports;
    return out;
  });

/** Raw NetworkPolicy JSON that the API server accepts. */
export const rawPolicy = (index: number, namespaces: string[] = NAMESPACES) =>
  fc
    .record({
      namespace: fc.constantFrom(...namespaces),
      podSelector: fc.option(podSelector, { nil: undefined, freq: 3 }),
      policyTypes: fc.constantFrom(undefined, [], ['Ingress'], ['Egress'], ['Ingress', 'Egress'], ['Egress', 'Ingress']),
      ingress: optionalList(rule('from'), 3),
      egress: optionalList(rule('to'), 3),
    })
    .map((p) => {
      const spec: { [key: string]: unknown } = {};
      if (p.podSelector !== undefined) spec.podSelector = p.podSelector;
      if (p.policyTypes !== undefined) spec.policyTypes = p.policyTypes;
      if (p.ingress !== undefined) spec.ingress = p.ingress;
      if (p.egress !== undefined) spec.egress = p.egress;
      return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `np-${index}`, namespace: p.namespace }, spec };
    });

/** 0..max policies with distinct names, in the given namespaces. */
export const rawPolicies = (max: number, namespaces: string[] = NAMESPACES) =>
  fc
    .oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 1, max }) })
    .chain((n) => (n === 0 ? fc.constant([]) : fc.tuple(...Array.from({ length: n }, (_, i) => rawPolicy(i, namespaces)))) as fc.Arbitrary<Array<{ [key: string]: any }>>);
