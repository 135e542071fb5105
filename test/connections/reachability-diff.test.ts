import { App, Chart, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { AllowFrom, DefaultDeny, Direction, Peer, Port, Select } from '../../lib';
import { Reachability, ReachabilityOptions } from '../../lib/testing';

// Reachability.diff in a user's test: a pull request widens who may reach the API.

const workloads: ReachabilityOptions = {
  namespaces: [{ name: 'web' }, { name: 'batch' }],
  workloads: [
    { namespace: 'shop', name: 'api', labels: { app: 'api' }, containerPorts: [{ port: 8080 }] },
    { namespace: 'web', name: 'frontend', labels: { app: 'frontend' } },
    { namespace: 'batch', name: 'report', labels: { app: 'report' } },
  ],
};

function shop(widen: boolean): App {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new DefaultDeny(chart, 'deny', { direction: Direction.INGRESS });
  new AllowFrom(chart, 'to-api', {
    to: Select.pods({ app: 'api' }),
    from: [widen ? Peer.anyPodInCluster() : Peer.pods({ app: 'frontend' }).inNamespace('web')],
    ports: [Port.tcp(8080)],
  });
  return app;
}

describe('Reachability.diff', () => {
  const before = Reachability.of(shop(false), workloads);

  test('the same app: nothing opened, nothing closed', () => {
    const d = Reachability.diff(before, Reachability.of(shop(false), workloads));
    d.assertUnchanged();
    expect(d.diff.isEmpty()).toBe(true);
  });

  test('a widened peer: the assertion names the flow and its ports', () => {
    const d = Reachability.diff(before, Reachability.of(shop(true), workloads));
    expect(() => d.assertNothingOpened()).toThrow('the change opens 1 flow(s):\n  batch/report -> shop/api: TCP 8080');
    d.assertNothingClosed();
    d.assertOpensOnly([{ from: 'batch/report', to: 'shop/api', port: 8080 }]);
    expect(() => d.assertOpensOnly([{ from: 'batch/report', to: 'shop/api', port: 9090 }]))
      .toThrow('the change opens 1 flow(s) beyond the expected flows:\n  batch/report -> shop/api: TCP 8080');
    expect(() => d.assertUnchanged()).toThrow(/opens/);
  });

  test('closing: the reverse change', () => {
    const d = Reachability.diff(Reachability.of(shop(true), workloads), before);
    d.assertNothingOpened();
    expect(() => d.assertNothingClosed()).toThrow('batch/report -> shop/api: TCP 8080');
    d.assertClosesOnly([{ from: 'batch/report', to: 'shop/api' }]);
  });
});
