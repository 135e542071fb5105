import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Analyzer, Cluster } from '../../lib/analysis';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { Protocol } from '../../lib/model';
import { RefCluster, RefEndpoint, referenceAllowed } from '../reference/reference-evaluator';
import { EXTERNALS, FLOW_PORTS, rawPolicies, refCluster } from './arb-cluster';
import { fuzzParams, fuzzTimeout } from './fuzz-settings';

// The analyzer (classes, bitsets, caching) against the deliberately simple reference evaluator
// (test/reference, proven on every oracle case) on random clusters and random raw policies: every
// ordered pair of pods and external IPs, on every port of FLOW_PORTS.

type Json = { [key: string]: any };

/** Every connection to compare, with the endpoint text the analyzer takes. */
function flows(cluster: RefCluster): Array<{ from: RefEndpoint; to: RefEndpoint; f: string; t: string; port: number; protocol: string }> {
  const ends: Array<[RefEndpoint, string]> = [
    ...cluster.pods.map((p): [RefEndpoint, string] => [`${p.namespace}/${p.name}`, `${p.namespace}/${p.name}`]),
    ...EXTERNALS.map((ip): [RefEndpoint, string] => [{ ip }, ip]),
  ];
  const out = [];
  for (const [from, f] of ends) {
    for (const [to, t] of ends) {
      if (typeof from !== 'string' && typeof to !== 'string') continue; // external -> external: no policy applies
      for (const p of FLOW_PORTS) out.push({ from, to, f, t, ...p });
    }
  }
  return out;
}

/** Typed input: policies parsed by the manifest reader, pods as WorkloadInfo. */
function typedAnalyzer(cluster: RefCluster, policies: Json[]): Analyzer {
  return Analyzer.of(
    Cluster.of({
      namespaces: Object.entries(cluster.namespaces).map(([name, labels]) => ({ name, labels })),
      workloads: cluster.pods.map((p) => ({
        namespace: p.namespace, name: p.name, labels: p.labels, ips: p.ip ? [p.ip] : [],
        containerPorts: (p.ports ?? []).map((c) => ({ name: c.name, port: c.port, protocol: c.protocol as Protocol })),
      })),
      policies: policies.map((p) => {
        const parsed = parseNetworkPolicy(p);
        expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
        return parsed.spec!;
      }),
      externals: EXTERNALS,
    }),
  );
}

/** The same cluster as the Kubernetes objects a user would feed the CLI. */
function manifests(cluster: RefCluster, policies: Json[]): Json[] {
  return [
    ...Object.entries(cluster.namespaces).map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } })),
    ...cluster.pods.map((p) => ({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
      spec: { containers: [{ name: 'main', image: 'app', ports: (p.ports ?? []).map((c) => ({ ...(c.name ? { name: c.name } : {}), containerPort: c.port, protocol: c.protocol })) }] },
      status: { podIP: p.ip },
    })),
    ...policies,
  ];
}

// Policies mostly live where the pods are (so they select something), sometimes elsewhere.
const scenario = refCluster.chain((cluster) =>
  fc.record({
    cluster: fc.constant(cluster),
    policies: fc.oneof(
      { weight: 4, arbitrary: rawPolicies(6, [...new Set(cluster.pods.map((p) => p.namespace))]) },
      { weight: 1, arbitrary: rawPolicies(6) },
    ),
  }),
);

describe('the analyzer agrees with the reference evaluator', () => {
  test('one flow at a time (Analyzer.explain), on typed input', () => {
    fc.assert(
      fc.property(scenario, ({ cluster, policies }) => {
        const analyzer = typedAnalyzer(cluster, policies);
        const wrong = flows(cluster)
          .filter((q) => analyzer.isAllowed(q.f, q.t, q.port, q.protocol as Protocol) !== referenceAllowed(cluster, policies, q))
          .map((q) => `${q.f} -> ${q.t} ${q.port}/${q.protocol}: reference says ${referenceAllowed(cluster, policies, q)}`);
        expect(wrong).toEqual([]);
      }),
      fuzzParams(150),
    );
  }, fuzzTimeout(20_000));

  test('the whole matrix (equivalence classes), read from Kubernetes objects', () => {
    fc.assert(
      fc.property(scenario, ({ cluster, policies }) => {
        const built = Cluster.fromManifests(manifests(cluster, policies));
        expect(built.issues.filter((i) => i.severity === 'error')).toEqual([]);
        const matrix = Analyzer.of(built).matrix({
          ports: FLOW_PORTS.map((p) => ({ port: p.port, protocol: p.protocol as Protocol })),
          externals: EXTERNALS,
        });
        const wrong = flows(cluster)
          .filter((q) => {
            const f = typeof q.from === 'string' ? q.f : `ip:${q.f}`;
            const t = typeof q.to === 'string' ? q.t : `ip:${q.t}`;
            return matrix.isAllowed(f, t, q.port, q.protocol as Protocol) !== referenceAllowed(cluster, policies, q);
          })
          .map((q) => `${q.f} -> ${q.t} ${q.port}/${q.protocol}: reference says ${referenceAllowed(cluster, policies, q)}`);
        expect(wrong).toEqual([]);
      }),
      fuzzParams(150),
    );
  }, fuzzTimeout(20_000));
});
