import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus28 from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import { describe, expect, test } from 'vitest';
import { AllowFrom, AllowTo, Port, Reachability } from '../../lib';

// Reachability takes an endpoint as the construct that writes it (a cdk8s-plus workload or Pod of
// any major, a raw ApiObject of a workload kind) in every method that takes endpoints, besides
// "namespace/name": tests need not spell generated names such as shop/shop-api-c8f8f8d3.

const container = { image: 'nginx', portNumber: 8080, securityContext: { ensureNonRoot: false } };
const pod = (name: string, app: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app } }, spec: { containers: [{ name: 'c', image: 'x' }] } });

function shop(withDb = true) {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const web = new kplus33.Deployment(chart, 'web', { containers: [container] });
  const api = new kplus28.Deployment(chart, 'api', { containers: [container] }); // another major, same App
  const batch = new ApiObject(chart, 'batch', pod('batch', 'batch')); // a raw Pod
  const db = new kplus33.StatefulSet(chart, 'db', { containers: [{ ...container, portNumber: 5432 }] });
  new AllowFrom(chart, 'web-to-api', { to: api, from: [web], ports: [Port.tcp(8080)] });
  new AllowTo(chart, 'web-egress', { from: web, to: [api], ports: [Port.tcp(8080)] });
  if (withDb) new AllowFrom(chart, 'api-to-db', { to: db, from: [api], ports: [Port.POSTGRES] });
  return { app, chart, web, api, batch, db };
}

describe('every method takes constructs as endpoints', () => {
  const { app, web, api, batch, db } = shop();
  const r = Reachability.of(app);

  test('the construct stands for namespace/name of the object it writes', () => {
    expect(r.explain(web, api, 8080)).toMatchObject({ from: `shop/${web.name}`, to: `shop/${api.name}`, allowed: true });
    expect(web.name).toMatch(/^shop-web-[0-9a-f]{8}$/);
  });

  test('isAllowed, assertAllowed, assertDenied: cdk8s-plus 33 and 28 workloads, a raw Pod, strings mixed in', () => {
    expect(r.isAllowed(web, api, 8080)).toBe(true);
    expect(r.isAllowed(batch, api, 8080)).toBe(false);
    r.assertAllowed(web, `shop/${api.name}`, 8080);
    r.assertAllowed(`shop/${api.name}`, db, 5432);
    r.assertDenied(batch, api, 8080);
    r.assertDenied(web, db, 5432);
    expect(() => r.assertAllowed(batch, api, 8080)).toThrow(`Expected shop/batch -> shop/${api.name} on 8080/TCP to be allowed, but it is denied.`);
  });

  test('assertOnlyReachableFrom and assertReachableDestinations: constructs in the lists too', () => {
    r.assertOnlyReachableFrom(api, [web], 8080);
    r.assertOnlyReachableFrom(db, [api], 5432);
    r.assertReachableDestinations(web, [api], 8080);
    r.assertReachableDestinations(batch, [web], 8080); // web is not isolated for ingress, api and db are
    expect(() => r.assertOnlyReachableFrom(api, [batch], 8080)).toThrow(`unexpectedly allowed: shop/${web.name}`);
  });

  test('a raw ApiObject Deployment stands for itself', () => {
    const a = Testing.app();
    const chart = new Chart(a, 'ops', { namespace: 'ops' });
    const agent = new ApiObject(chart, 'agent', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
    });
    expect(Reachability.of(a).explain(agent, agent, 80).from).toBe('ops/agent');
  });

  test('an object without a namespace, in a chart without one, takes defaultNamespace', () => {
    const a = Testing.app();
    const p = new ApiObject(new Chart(a, 'plain'), 'p', pod('p', 'p'));
    expect(Reachability.of(a, { defaultNamespace: 'team' }).explain(p, p, 80).from).toBe('team/p');
  });
});

describe('Reachability.diff takes constructs in expected flows', () => {
  test('assertOpensOnly and assertClosesOnly', () => {
    // Adding api-to-db isolates db: every other pod and outside address loses it, the API keeps only 5432.
    const before = shop(false);
    const after = shop(true);
    const { web, api, batch, db } = after;
    const closing = Reachability.diff(Reachability.of(before.app), Reachability.of(after.app));
    const outside = [{ from: 'ip:0.0.0.0/0', to: db }, { from: 'ip:::/0', to: db }];
    closing.assertClosesOnly([{ from: web, to: db }, { from: batch, to: `shop/${db.name}` }, { from: api, to: db }, ...outside]);
    closing.assertNothingOpened();
    const opening = Reachability.diff(Reachability.of(after.app), Reachability.of(before.app));
    opening.assertOpensOnly([{ from: web, to: db }, { from: batch, to: db }, { from: api, to: db }, ...outside]);
    expect(() => opening.assertOpensOnly([{ from: web, to: db }, { from: batch, to: db }, ...outside])).toThrow(
      `the change opens 1 flow(s) beyond the expected flows:\n  shop/${api.name} -> shop/${db.name}: `);
  });
});

describe('what cannot stand for an endpoint is refused, naming the argument', () => {
  const { app, chart, api } = shop();
  const r = Reachability.of(app);
  const service = new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: {} });
  const pods = kplus33.Pods.select(chart, 'some', { labels: { app: 'x' } });

  test.each([
    ['a Service ApiObject', () => r.isAllowed(service, api, 80),
      'Reachability.isAllowed: from: Invalid value: a ApiObject: shop/svc is of kind "Service", which has no pods: must be a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, or "namespace/name"'],
    ['a cdk8s-plus Pods selection', () => r.assertAllowed(api, pods, 80),
      'Reachability.assertAllowed: to: Invalid value: a Pods: must be "namespace/name", an IP address, a cdk8s-plus workload or Pod, or an ApiObject of a Pod or workload'],
    ['a number in a list', () => r.assertOnlyReachableFrom(api, [api, 7 as never], 80),
      'Reachability.assertOnlyReachableFrom: sources[1]: Invalid value: 7: must be "namespace/name"'],
    ['a plain object in a flow', () => Reachability.diff(r, r).assertOpensOnly([{ from: {} as never, to: api }]),
      'ReachabilityDiff.assertOpensOnly: flows[0].from: Invalid value: {}: must be "namespace/name"'],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(message);
  });
});
