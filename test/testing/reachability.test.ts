import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { describe, expect, test } from 'vitest';
import { Protocol } from '../../lib/model';
import { Reachability } from '../../lib/testing';

// GIVEN an app of two charts: web/frontend, and payments/{api, postgres, batch} behind a
// default deny, with frontend -> api:8080 and api -> postgres:5432 allowed.
function deployment(chart: Chart, name: string, labels: Record<string, string>, ports: Array<{ name?: string; containerPort: number }>) {
  return new ApiObject(chart, name, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'x', ports }] } } },
  });
}
function policy(chart: Chart, name: string, spec: Record<string, unknown>) {
  return new ApiObject(chart, name, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec });
}

function shop(): App {
  const app = Testing.app();
  const web = new Chart(app, 'web', { namespace: 'web' });
  new ApiObject(web, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web', labels: { team: 'storefront' } } });
  deployment(web, 'frontend', { app: 'frontend' }, [{ containerPort: 3000 }]);
  const payments = new Chart(app, 'payments', { namespace: 'payments' });
  deployment(payments, 'api', { app: 'api' }, [{ name: 'http', containerPort: 8080 }]);
  deployment(payments, 'postgres', { app: 'postgres' }, [{ name: 'pg', containerPort: 5432 }]);
  deployment(payments, 'batch', { app: 'batch' }, []);
  policy(payments, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  policy(payments, 'frontend-to-api', {
    podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } }, podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port: 'http' }] }],
  });
  policy(payments, 'api-egress-db', {
    podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Egress'],
    egress: [{ to: [{ podSelector: { matchLabels: { app: 'postgres' } } }], ports: [{ port: 5432 }] }],
  });
  policy(payments, 'db-from-api', {
    podSelector: { matchLabels: { app: 'postgres' } }, policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 'pg' }] }],
  });
  return app;
}

describe('Reachability from an App', () => {
  const r = Reachability.of(shop(), { externals: ['203.0.113.9'] });

  test('gathers namespaces, workloads and policies of every chart', () => {
    expect(r.cluster.workloads.map((w) => `${w.kind} ${w.namespace}/${w.name}`)).toEqual([
      'Deployment web/frontend', 'Deployment payments/api', 'Deployment payments/postgres', 'Deployment payments/batch',
    ]);
    expect(r.cluster.policies.map((p) => p.id).sort()).toEqual(['payments/api-egress-db', 'payments/db-from-api', 'payments/default-deny', 'payments/frontend-to-api']);
    expect(r.cluster.namespaces.find((n) => n.name === 'web')?.labels).toEqual({ team: 'storefront', 'kubernetes.io/metadata.name': 'web' });
  });

  test('assertAllowed passes for an allowed flow and fails with the explanation otherwise', () => {
    expect(() => r.assertAllowed('web/frontend', 'payments/api', 8080)).not.toThrow();
    expect(() => r.assertAllowed('web/frontend', 'payments/postgres', 5432)).toThrow(
      'Expected web/frontend -> payments/postgres on 5432/TCP to be allowed, but it is denied.\n' +
      'web/frontend -> payments/postgres on 5432/TCP: DENIED\n' +
      '  egress of web/frontend: not isolated (no policy selects it for Egress), so everything is allowed\n' +
      '  ingress of payments/postgres: isolated by payments/default-deny, payments/db-from-api; no rule of these policies allows it\n' +
      "    near miss: payments/db-from-api spec.ingress[0] matches the port but only peers pods app=api in the policy's namespace",
    );
  });

  test('assertDenied passes for a denied flow and fails naming the rule that allowed it', () => {
    expect(() => r.assertDenied('payments/batch', 'payments/api', 8080)).not.toThrow();
    expect(() => r.assertDenied('web/frontend', 'payments/api', 8080)).toThrow(
      'payments/frontend-to-api spec.ingress[0].from[0] (pods app=frontend in namespace web, port http/TCP)',
    );
    expect(() => r.assertDenied('payments/api', 'payments/postgres', 5432, Protocol.TCP)).toThrow(/to be denied, but it is allowed/);
  });

  test('assertOnlyReachableFrom: nothing but app=api reaches the database', () => {
    expect(() => r.assertOnlyReachableFrom('payments/postgres', ['app=api'], 5432)).not.toThrow();
    expect(() => r.assertOnlyReachableFrom('payments/postgres', ['payments/api'], 5432)).not.toThrow();
    expect(() => r.assertOnlyReachableFrom('payments/api', ['payments/batch'], 8080)).toThrow(
      /^Expected the sources that reach payments\/api on 8080\/TCP to be \[payments\/batch\], but they are \[web\/frontend\]\.\nunexpectedly allowed: web\/frontend\n {2}web\/frontend -> payments\/api on 8080\/TCP: ALLOWED\n[^]*unexpectedly denied: payments\/batch\n {2}payments\/batch -> payments\/api on 8080\/TCP: DENIED/,
    );
  });

  test('assertReachableDestinations: the set a pod can reach', () => {
    expect(() => r.assertReachableDestinations('payments/api', ['payments/postgres'], 5432)).not.toThrow();
    // frontend is not isolated for egress, but every payments pod is isolated for ingress.
    expect(() => r.assertReachableDestinations('web/frontend', ['203.0.113.9'], 3000)).not.toThrow();
    expect(() => r.assertReachableDestinations('web/frontend', ['ip:203.0.113.9', 'payments/api'], 3000)).toThrow(
      'Expected the destinations web/frontend reaches on 3000/TCP to be [payments/api, ip:203.0.113.9], but they are [ip:203.0.113.9].\n' +
      'unexpectedly denied: payments/api\n' +
      '  web/frontend -> payments/api on 3000/TCP: DENIED\n' +
      '    egress of web/frontend: not isolated (no policy selects it for Egress), so everything is allowed\n' +
      '    ingress of payments/api: isolated by payments/default-deny, payments/frontend-to-api; no rule of these policies allows it',
    );
  });

  test('unknown endpoints and label patterns fail clearly', () => {
    expect(() => r.assertAllowed('web/frontnd', 'payments/api', 8080)).toThrow('unknown endpoint "web/frontnd": no pod or workload has that namespace/name (did you mean "web/frontend"?)');
    expect(() => r.assertOnlyReachableFrom('payments/postgres', ['ap=api'], 5432)).toThrow('no workload carries the labels ap=api');
  });
});

describe('Reachability from a Chart', () => {
  test('reads cdk8s-plus workloads too', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    new kplus.Deployment(chart, 'cart', { containers: [{ image: 'cart', portNumber: 8080 }] });
    policy(chart, 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    const r = Reachability.fromChart(chart, { externals: ['198.51.100.1'] });
    const cart = r.cluster.workloads[0];
    expect(cart.kind).toBe('Deployment');
    expect(cart.containerPorts).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(() => r.assertDenied('198.51.100.1', `shop/${cart.name}`, 8080)).not.toThrow();
  });

  test('an unreadable NetworkPolicy is an error, not a silently missing policy', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    policy(chart, 'bad', { podSelector: {}, ingress: 'everything' });
    expect(() => Reachability.fromChart(chart)).toThrow(
      'Reachability: 1 object(s) could not be read:\n  NetworkPolicy shop/bad spec.ingress: expected a list, got string "everything" (list items start with "- " in YAML)',
    );
  });
});
