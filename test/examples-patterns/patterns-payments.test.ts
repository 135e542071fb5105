import { Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { Protocol } from '../../lib';
import { Reachability } from '../../lib/testing';
import { build } from '../../examples/patterns-payments/app';

// The payments namespace rebuilt from patterns: who can reach whom, with a cast of pods that
// carry the labels the seeds use, plus the neighbours every cluster has.
function reachability(): Reachability {
  const app = Testing.app();
  build(app);
  return Reachability.of(app, {
    namespaces: [{ name: 'kube-system' }, { name: 'monitoring' }, { name: 'ingress-nginx' }, { name: 'web' }],
    workloads: [
      { namespace: 'payments', name: 'frontend', labels: { app: 'payments-frontend' } },
      { namespace: 'payments', name: 'backend', labels: { 'app': 'payments-backend', 'needs-db': 'true', 'monitoring.io/expose-metrics': 'true' } },
      { namespace: 'payments', name: 'postgres', labels: { app: 'postgres' } },
      { namespace: 'payments', name: 'redis', labels: { app: 'redis' } },
      { namespace: 'payments', name: 'admin-tool', labels: { 'app': 'admin', 'needs-db': 'true' } },
      { namespace: 'payments', name: 'batch', labels: { app: 'batch' } },
      { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' } },
      { namespace: 'monitoring', name: 'prometheus', labels: { app: 'prometheus' } },
      { namespace: 'monitoring', name: 'grafana', labels: { app: 'grafana' } },
      { namespace: 'ingress-nginx', name: 'controller', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
      { namespace: 'web', name: 'frontend', labels: { app: 'payments-frontend' } },
    ],
    externals: ['54.187.174.169', '1.1.1.1'],
  });
}

const r = reachability();

describe('patterns-payments example: the documented flows are open', () => {
  test.each([
    ['ingress-nginx/controller', 'payments/frontend', 8080],
    ['payments/frontend', 'payments/backend', 8080],
    ['payments/backend', 'payments/postgres', 5432],
    ['payments/backend', 'payments/redis', 6379],
    ['payments/backend', '54.187.174.169', 443],
    ['monitoring/prometheus', 'payments/backend', 9090],
    ['monitoring/prometheus', 'payments/backend', 8080],
  ])('%s -> %s:%i allowed', (from, to, port) => {
    r.assertAllowed(from, to, port);
  });

  test.each(['payments/frontend', 'payments/backend', 'payments/postgres', 'payments/redis', 'payments/batch'])(
    '%s resolves names over UDP and TCP 53', (from) => {
      r.assertAllowed(from, 'kube-system/coredns', 53, Protocol.UDP);
      r.assertAllowed(from, 'kube-system/coredns', 53, Protocol.TCP);
    },
  );
});

describe('patterns-payments example: everything else is closed', () => {
  test.each([
    ['payments/frontend', 'payments/postgres', 5432, 'the frontend has no DB label and no egress to it'],
    ['payments/admin-tool', 'payments/postgres', 5432, 'postgres would accept it (needs-db=true), but its own egress is denied'],
    ['payments/backend', 'payments/postgres', 6379, 'postgres accepts 5432 only'],
    ['payments/backend', 'payments/redis', 5432, 'redis accepts 6379 only'],
    ['payments/backend', '1.1.1.1', 443, 'only Stripe is reachable outside'],
    ['payments/backend', '54.187.174.169', 80, 'Stripe on 443 only'],
    ['payments/postgres', 'payments/backend', 8080, 'the database sends nothing'],
    ['payments/postgres', '1.1.1.1', 443, 'the database cannot exfiltrate'],
    ['web/frontend', 'payments/backend', 8080, 'the AND peer: right labels, wrong namespace'],
    ['ingress-nginx/controller', 'payments/backend', 8080, 'the gateway reaches the frontend only'],
    ['monitoring/grafana', 'payments/backend', 9090, 'only prometheus scrapes'],
    ['monitoring/prometheus', 'payments/frontend', 8080, 'the frontend did not opt in to scraping'],
    ['monitoring/prometheus', 'payments/backend', 5432, 'metrics ports only'],
    ['payments/batch', 'payments/backend', 8080, 'the default deny'],
  ])('%s -> %s:%i denied (%s)', (from, to, port) => {
    r.assertDenied(from, to, port);
  });

  test('nothing but the backend reaches postgres', () => {
    r.assertOnlyReachableFrom('payments/postgres', ['payments/backend'], 5432);
  });

  test('the backend reaches exactly postgres, redis and Stripe besides DNS', () => {
    expect(r.isAllowed('payments/backend', 'payments/frontend', 8080)).toBe(false);
    r.assertReachableDestinations('payments/backend', ['payments/postgres'], 5432);
    r.assertReachableDestinations('payments/backend', ['payments/redis'], 6379);
    r.assertReachableDestinations('payments/backend', ['54.187.174.169'], 443);
  });
});
