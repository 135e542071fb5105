import { App, Chart, Cron, Testing } from 'cdk8s';
import * as kplus28 from 'cdk8s-plus-28';
import * as kplus29 from 'cdk8s-plus-29';
import * as kplus30 from 'cdk8s-plus-30';
import * as kplus31 from 'cdk8s-plus-31';
import * as kplus32 from 'cdk8s-plus-32';
import * as kplus33 from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { describe, expect, test } from 'vitest';
import {
  AllowFrom, AllowTo, ClusterBaseline, DefaultDeny, IKplusNamespace, IKplusNamespaceSelector, IKplusPodSelector, NetworkPolicy, Port, Rule, Workloads,
} from '../../lib';

// Issue 12: the constructs take the workloads, Pods and Namespaces of every cdk8s-plus-2x major
// from 28 to 33, installed side by side here. Type level: tsc type-checks this file (npm test's
// typecheck step), so each major's classes must fit where our props expect them. Run time: the
// same app built with each major synthesizes the same NetworkPolicies.

const container = { image: 'nginx', portNumber: 8080, securityContext: { ensureNonRoot: false } };
type WorkloadProps = { containers: Array<typeof container> };

/** What this test uses of a cdk8s-plus module: every major's module must fit it (checked by tsc). */
interface KplusModule {
  readonly Deployment: new (scope: Construct, id: string, props: WorkloadProps) => IKplusPodSelector;
  readonly StatefulSet: new (scope: Construct, id: string, props: WorkloadProps) => IKplusPodSelector;
  readonly DaemonSet: new (scope: Construct, id: string, props: WorkloadProps) => IKplusPodSelector;
  readonly Job: new (scope: Construct, id: string, props: WorkloadProps) => IKplusPodSelector;
  readonly CronJob: new (scope: Construct, id: string, props: WorkloadProps & { schedule: Cron }) => IKplusPodSelector;
  readonly Pod: new (scope: Construct, id: string, props: WorkloadProps & { metadata: { labels: { [k: string]: string } } }) => IKplusPodSelector;
  readonly Pods: { select(scope: Construct, id: string, options: { labels: { [k: string]: string } }): IKplusPodSelector };
  readonly Namespace: new (scope: Construct, id: string, props: { metadata: { name: string } }) => IKplusNamespace;
  readonly Namespaces: { select(scope: Construct, id: string, options: { names: string[] }): IKplusNamespaceSelector };
}

const MAJORS: Array<[string, KplusModule]> = [
  ['cdk8s-plus-28', kplus28], ['cdk8s-plus-29', kplus29], ['cdk8s-plus-30', kplus30],
  ['cdk8s-plus-31', kplus31], ['cdk8s-plus-32', kplus32], ['cdk8s-plus-33', kplus33],
];

/** One app using every kind as target and peer; returns the NetworkPolicies it synthesizes. */
function policiesWith(k: KplusModule): unknown[] {
  const app = Testing.app();
  const infra = new Chart(app, 'infra');
  const payments = new k.Namespace(infra, 'payments', { metadata: { name: 'payments' } });
  new k.Namespace(infra, 'web', { metadata: { name: 'web' } });
  const c = new Chart(app, 'payments', { namespace: 'payments' });
  const api = new k.Deployment(c, 'api', { containers: [container] });
  const db = new k.StatefulSet(c, 'db', { containers: [container] });
  const agent = new k.DaemonSet(c, 'agent', { containers: [container] });
  const job = new k.Job(c, 'migrate', { containers: [container] });
  const cron = new k.CronJob(c, 'report', { containers: [container], schedule: Cron.daily() });
  const pod = new k.Pod(c, 'debug', { containers: [container], metadata: { labels: { role: 'debug' } } });
  const debugPods = k.Pods.select(c, 'debug-pods', { labels: { role: 'debug' } });
  const webs = k.Namespaces.select(c, 'webs', { names: ['web', 'edge'] });
  new AllowFrom(c, 'api-in', { to: api, from: [debugPods, agent], ports: [Port.tcp(8080)] });
  new AllowFrom(c, 'api-from-webs', { to: api, from: [webs], ports: [Port.tcp(8080)] });
  new AllowFrom(c, 'db-in', { to: db, from: [api, job, cron, pod], ports: [Port.tcp(5432)] });
  new AllowTo(c, 'api-out', { from: api, to: [db], ports: [Port.tcp(5432)] });
  new NetworkPolicy(c, 'raw', { podSelector: Workloads.select(pod), ingress: [Rule.allow({ peers: [Workloads.peerIn(api, payments)] })] });
  new ClusterBaseline(new Chart(app, 'baseline'), 'baseline');
  return app.charts.flatMap((chart) => Testing.synth(chart)).filter((o) => o.kind === 'NetworkPolicy');
}

describe('every cdk8s-plus major from 28 to 33', () => {
  const [[, first], ...rest] = MAJORS;
  const expected = policiesWith(first);

  test('the reference app writes the policies it declares', () => {
    const names = expected.map((p) => (p as { metadata: { namespace?: string; name: string } }).metadata);
    expect(names).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'allow-api-in' }), expect.objectContaining({ name: 'allow-db-in' }),
      expect.objectContaining({ name: 'allow-api-out' }), expect.objectContaining({ name: 'allow-api-from-webs' }),
    ]));
    // ClusterBaseline found both cdk8s-plus Namespaces by their shape.
    const baselineNamespaces = new Set(expected
      .map((p) => (p as { metadata: { namespace?: string } }).metadata.namespace));
    expect(baselineNamespaces).toEqual(new Set(['payments', 'web']));
  });

  test.each(rest)('%s synthesizes the same NetworkPolicies as cdk8s-plus-28', (_name, k) => {
    expect(policiesWith(k)).toEqual(expected);
  });
});

describe('a workload of either major is accepted directly (the TS2322 of issue 12)', () => {
  test.each([
    ['cdk8s-plus-28', (c: Chart) => {
      const api = new kplus28.Deployment(c, 'api', { containers: [container] });
      const db = new kplus28.StatefulSet(c, 'db', { containers: [container], service: new kplus28.Service(c, 'db-svc', { ports: [{ port: 5432 }] }) });
      const ns = new kplus28.Namespace(c, 'ns', { metadata: { name: 'payments' } });
      new AllowFrom(c, 'api-in', { to: api, from: [db, kplus28.Pods.select(c, 'p', { labels: { a: 'b' } })], ports: [Port.tcp(8080)] });
      new AllowFrom(c, 'ns-in', { to: api, from: [ns], ports: [Port.tcp(8080)] });
      new AllowTo(c, 'db-out', { from: db, to: [api], ports: [Port.tcp(8080)] });
      new DefaultDeny(c, 'deny', { pods: ns });
    }],
    ['cdk8s-plus-33', (c: Chart) => {
      const api = new kplus33.Deployment(c, 'api', { containers: [container] });
      const db = new kplus33.StatefulSet(c, 'db', { containers: [container], service: new kplus33.Service(c, 'db-svc', { ports: [{ port: 5432 }] }) });
      const ns = new kplus33.Namespace(c, 'ns', { metadata: { name: 'payments' } });
      new AllowFrom(c, 'api-in', { to: api, from: [db, kplus33.Pods.select(c, 'p', { labels: { a: 'b' } })], ports: [Port.tcp(8080)] });
      new AllowFrom(c, 'ns-in', { to: api, from: [ns], ports: [Port.tcp(8080)] });
      new AllowTo(c, 'db-out', { from: db, to: [api], ports: [Port.tcp(8080)] });
      new DefaultDeny(c, 'deny', { pods: ns });
    }],
  ])('%s', (_name, build) => {
    const c = new Chart(new App(), 'payments', { namespace: 'payments' });
    build(c);
    const byName = Object.fromEntries(Testing.synth(c).filter((o) => o.kind === 'NetworkPolicy').map((o) => [o.metadata.name, o]));
    expect(byName['allow-api-in'].spec.ingress[0].from).toHaveLength(2);
    expect(byName['allow-ns-in'].spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } } }]);
    expect(byName['allow-db-out'].spec.egress[0].to[0].podSelector.matchLabels).toEqual(byName['allow-api-in'].spec.podSelector.matchLabels);
    expect(byName['default-deny'].spec.podSelector).toEqual({});
  });
});
