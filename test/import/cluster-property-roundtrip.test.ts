import * as fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateTypeScript } from '../../lib/import';
import { ClusterPolicyInput } from '../../lib/import/cluster-policy-code';
import { clusterPolicyProblems } from '../../lib/import/cluster-policy-problems';
import { readObjects } from '../../lib/manifest/read-objects';
import { Severity } from '../../lib/model';
import { NAMESPACES, refCluster } from '../property/arb-cluster';
import { fuzzParams, fuzzTimeout } from '../property/fuzz-settings';
import { clusterObjects, verdictMatrix } from './cluster-verdicts';
import { asV1alpha2, normalizeClusterPolicy } from './normalize-cluster';
import { libraryFrom, removeTmp, resetTmp, synthProgram, typeErrors, writeProgram } from './program';

// Random clusters and random cluster policies (ClusterNetworkPolicy of either tier, v1alpha1
// AdminNetworkPolicy and the BaselineAdminNetworkPolicy; every subject and peer form, actions,
// ports as numbers, ranges, whole protocols and names): the imported program synthesizes the
// same objects (v1alpha1 ones as the stated conversion) with the same verdict on every flow, and
// every program type-checks.

type Json = { [key: string]: any };
const sel = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.dictionary(fc.constantFrom('team', 'env'), fc.constantFrom('x', 'y', 'prod'), { minKeys: 1, maxKeys: 2 }) }),
  fc.record({ matchLabels: fc.constantFrom(...NAMESPACES).map((n) => ({ 'kubernetes.io/metadata.name': n })) }),
  fc.record({ matchExpressions: fc.constant([{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['x', 'y'] }]) }),
);
const podSel = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('a', 'b', ''), { minKeys: 1, maxKeys: 2 }) }),
  fc.record({ matchExpressions: fc.constant([{ key: 'app', operator: 'Exists' }]) }),
);
const podSet = (v1: boolean) => fc.oneof(
  sel.map((namespaces) => ({ namespaces })),
  fc.record({ namespaceSelector: sel, podSelector: podSel }).map((pods) => ({ pods })),
  ...(v1 ? [] : [podSel.map((podSelector) => ({ pods: { podSelector } }))]),
);
const peer = (egress: boolean, v1: boolean) => fc.oneof(
  { weight: 3, arbitrary: podSet(v1) },
  ...(egress ? [{ weight: 1, arbitrary: fc.subarray(['10.0.1.0/24', '10.0.0.0/8', '192.0.2.10/32', '0.0.0.0/0', '2001:db8::/64'], { minLength: 1 }).map((networks) => ({ networks })) }] : []),
);
/** A protocol entry as v1alpha2 writes it, and as v1alpha1 does. */
const port = fc.oneof(
  fc.record({ p: fc.constantFrom('tcp', 'udp', 'sctp'), n: fc.constantFrom(53, 80, 8080, 9090) }).map(({ p, n }) => ({ v2: { [p]: { destinationPort: { number: n } } }, v1: { portNumber: { port: n, protocol: p.toUpperCase() } } })),
  fc.record({ p: fc.constantFrom('tcp', 'udp'), r: fc.constantFrom([80, 8080], [1, 65535], [50, 100]) }).map(({ p, r }) => ({
    v2: { [p]: { destinationPort: { range: { start: r[0], end: r[1] } } } }, v1: { portRange: { start: r[0], end: r[1], protocol: p.toUpperCase() } },
  })),
  fc.constantFrom('web', 'metrics').map((name) => ({ v2: { destinationNamedPort: name }, v1: { namedPort: name } })),
);
const rule = (egress: boolean, v1: boolean, actions: string[]) => fc.record({
  action: fc.constantFrom(...actions),
  name: fc.option(fc.constantFrom('r1', 'no metadata', 'x'.repeat(100)), { nil: undefined }),
  peers: fc.array(peer(egress, v1), { minLength: 1, maxLength: 2 }),
  ports: fc.option(fc.array(port, { minLength: 1, maxLength: 2 }), { nil: undefined }),
}).map((r) => {
  // A named port is not allowed beside address peers (the experimental CRD's CEL rule).
  const ports = r.ports && r.peers.some((p: Json) => p.networks) ? r.ports.filter((p) => !('destinationNamedPort' in p.v2)) : r.ports;
  return {
    action: r.action, ...(r.name ? { name: r.name } : {}), [egress ? 'to' : 'from']: r.peers,
    ...(ports && ports.length > 0 ? (v1 ? { ports: ports.map((p) => p.v1) } : { protocols: ports.map((p) => p.v2) }) : {}),
  };
});
const rules = (egress: boolean, v1: boolean, actions: string[]) => fc.option(fc.array(rule(egress, v1, actions), { minLength: 1, maxLength: 3 }), { nil: undefined });

/** One policy; `i` makes its name and priority unique (ties are refused, tested elsewhere). */
const clusterPolicy = (i: number) => fc.constantFrom('Admin', 'Baseline', 'ANP', 'BANP').chain((kind) => {
  const v1 = kind === 'ANP' || kind === 'BANP';
  const actions = kind === 'BANP' ? ['Allow', 'Deny'] : v1 ? ['Allow', 'Deny', 'Pass'] : ['Accept', 'Deny', 'Pass'];
  return fc.record({ subject: podSet(v1), ingress: rules(false, v1, actions), egress: rules(true, v1, actions) }).map((s): Json => ({
    apiVersion: `policy.networking.k8s.io/${v1 ? 'v1alpha1' : 'v1alpha2'}`,
    kind: kind === 'ANP' ? 'AdminNetworkPolicy' : kind === 'BANP' ? 'BaselineAdminNetworkPolicy' : 'ClusterNetworkPolicy',
    metadata: { name: kind === 'BANP' ? 'default' : `p${i}`, ...(i % 2 ? { labels: { team: 'platform' } } : {}) },
    spec: {
      ...(v1 ? {} : { tier: kind }), ...(kind === 'BANP' ? {} : { priority: 1 + i * 7 }), subject: s.subject,
      ...(s.ingress ? { ingress: s.ingress } : {}), ...(s.egress ? { egress: s.egress } : {}),
    },
  }));
});
const clusterPolicies = fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_x, i) => clusterPolicy(i))))
  // One BaselineAdminNetworkPolicy at most: it is a singleton.
  .map((list) => list.filter((p, i) => p.kind !== 'BaselineAdminNetworkPolicy' || list.findIndex((q) => q.kind === p.kind) === i));


let dir = '';
const typed: string[] = [];
let runs = 0;
beforeAll(() => { dir = resetTmp('cluster-property'); });
afterAll(() => removeTmp('cluster-property'));

test('random cluster policies: imported, synthesized, same objects and same verdicts', async () => {
  await fc.assert(fc.asyncProperty(refCluster, clusterPolicies, async (cluster, policies) => {
    const read = readObjects(policies);
    // Every generated object is valid: the generator is wrong otherwise.
    expect(read.issues.filter((i) => i.severity === Severity.ERROR)).toEqual([]);
    const inputs: ClusterPolicyInput[] = read._clusterPolicies.map((spec) => {
      const json = policies.find((o) => o.kind === spec.source && o.metadata.name === spec.name)!;
      return { spec, labels: json.metadata.labels };
    });
    // Priorities are unique and lists short: only a rule the constructs refuse would stop it.
    expect(clusterPolicyProblems(inputs)).toEqual([]);
    const n = runs++;
    typed.push(writeProgram(dir, `typed_${n}`, generateTypeScript([], { clusterPolicies: inputs }).source));
    const file = writeProgram(dir, `run_${n}`, generateTypeScript([], { clusterPolicies: inputs, library: libraryFrom(dir) }).source);
    const synthesized = (await synthProgram(file)).filter((o) => o.kind === 'ClusterNetworkPolicy');
    const byName = (a: any, b: any) => (a.name < b.name ? -1 : 1);
    expect(synthesized.map(normalizeClusterPolicy).sort(byName)).toEqual(policies.map((o) => normalizeClusterPolicy(asV1alpha2(o))).sort(byName));
    const objects = clusterObjects(cluster);
    expect(verdictMatrix([...objects, ...synthesized])).toEqual(verdictMatrix([...objects, ...policies]));
  }), fuzzParams(25, 0.2));
  expect(runs).toBeGreaterThan(0);
}, fuzzTimeout(180_000));

test('and every one of those programs type-checks', () => {
  expect(typed.length).toBe(runs);
  expect(typeErrors(typed)).toEqual([]);
}, fuzzTimeout(120_000));
