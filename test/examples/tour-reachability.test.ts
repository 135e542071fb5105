import { App, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { Protocol, Reachability, WorkloadInfo } from '../../lib';
import { lintPolicies } from '../../lib/lint';
import { build } from '../../examples/tour/app';

// The README tour opens the flows it claims, and only those (issue 13: a tour of one-sided
// AllowFroms under a default deny of both directions left every flow closed, silently).
// The tour has no workloads of its own: these stand for the pods it writes policies for.
const workloads: WorkloadInfo[] = [
  { namespace: 'web', name: 'frontend', labels: { app: 'frontend' } },
  { namespace: 'web', name: 'other', labels: { app: 'other' } },
  { namespace: 'payments', name: 'api', labels: { app: 'api-server' } },
  { namespace: 'payments', name: 'postgres', labels: { app: 'postgres' } },
  { namespace: 'payments', name: 'batch', labels: { app: 'batch' } },
  { namespace: 'monitoring', name: 'prometheus', labels: { app: 'prometheus' } },
  { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' } },
];

function tour(): App {
  const app = Testing.app();
  build(app);
  return app;
}

describe('the README tour', () => {
  const r = Reachability.of(tour(), { workloads, externals: ['203.0.113.9'] });

  test.each([
    ['3. the frontend calls the API on 8080', 'web/frontend', 'payments/api', 8080],
    ['4. Prometheus scrapes the API on 8080', 'monitoring/prometheus', 'payments/api', 8080],
    ['5. the API reaches postgres on 5432', 'payments/api', 'payments/postgres', 5432],
  ])('opens %s (both ends)', (_claim, from, to, port) => {
    r.assertAllowed(from, to, port);
  });

  test('the API is reached on 8080 by the frontend and Prometheus only, postgres on 5432 by the API only', () => {
    r.assertOnlyReachableFrom('payments/api', ['web/frontend', 'monitoring/prometheus'], 8080);
    r.assertOnlyReachableFrom('payments/postgres', ['payments/api'], 5432);
  });

  test('2. every pod of both namespaces resolves names, postgres included (AllowDns adds to DatabaseTier)', () => {
    for (const from of ['web/frontend', 'payments/api', 'payments/postgres', 'payments/batch']) {
      r.assertAllowed(from, 'kube-system/coredns', 53, Protocol.UDP);
      r.assertAllowed(from, 'kube-system/coredns', 53, Protocol.TCP);
    }
  });

  test('1. nothing else goes out: the frontend reaches only the API on 8080, postgres nothing on 5432', () => {
    r.assertReachableDestinations('web/frontend', ['payments/api'], 8080);
    r.assertReachableDestinations('payments/postgres', [], 5432);
    r.assertDenied('payments/api', '203.0.113.9', 443);
  });

  test('lint finds nothing to say about the tour', () => {
    const app = tour();
    const specs = app.charts.flatMap((c) => Testing.synth(c)).filter((o) => o.kind === 'NetworkPolicy');
    expect(specs).toHaveLength(9);
    expect(lintPolicies(Reachability.fromManifests(specs).cluster.policies)).toEqual([]);
  });
});
