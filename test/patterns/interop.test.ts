import { Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { describe, expect, test } from 'vitest';
import { Workloads } from '../../lib/constructs/interop';

const ADDR = 'cdk8s.io/metadata.addr';
const NAME = 'kubernetes.io/metadata.name';

function chart(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

const container = { image: 'nginx', portNumber: 80 };

describe('Workloads: cdk8s-plus objects as targets and peers', () => {
  test.each([
    ['Deployment', (c: Chart) => new kplus.Deployment(c, 'api', { containers: [container] })],
    ['StatefulSet', (c: Chart) => new kplus.StatefulSet(c, 'db', { containers: [container], service: new kplus.Service(c, 'svc', { ports: [{ port: 80 }] }) })],
    ['DaemonSet', (c: Chart) => new kplus.DaemonSet(c, 'agent', { containers: [container] })],
    ['Job', (c: Chart) => new kplus.Job(c, 'migrate', { containers: [container] })],
    ['CronJob', (c: Chart) => new kplus.CronJob(c, 'report', { containers: [container], schedule: Cron.daily() })],
  ])('%s: its own pod selector, which every pod of its template carries', (_kind, make) => {
    const c = chart();
    const w = make(c) as kplus.Workload;
    const select = Workloads.select(w);
    // Job and CronJob have no selector of their own; their template still carries the address label.
    expect(select.selector.toJson()).toEqual({ matchLabels: { [ADDR]: w.podMetadata.getLabel(ADDR) } });
    // the pods of the workload carry exactly those labels
    expect(select.selector.matches(w.podMetadata.toJson().labels ?? {})).toBe(true);
  });

  test('a workload selector extended with select() is read when the policy is built', () => {
    const c = chart();
    const d = new kplus.Deployment(c, 'api', { containers: [container] });
    const select = Workloads.select(d);
    d.select(kplus.LabelSelector.of({ labels: { app: 'api' }, expressions: [kplus.LabelExpression.in('tier', ['web', 'api'])] }));
    expect(select.selector.toJson()).toEqual({
      matchLabels: { app: 'api', [ADDR]: d.matchLabels[ADDR] },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }],
    });
  });

  test('a Pod is selected by its address label', () => {
    const c = chart();
    const pod = new kplus.Pod(c, 'debug', { containers: [container] });
    expect(Workloads.selectorOf(pod).toJson()).toEqual({ matchLabels: { [ADDR]: pod.metadata.getLabel(ADDR) } });
  });

  test('peer of a workload without namespace: pods of the policy namespace', () => {
    const d = new kplus.Deployment(chart(), 'web', { containers: [container] });
    expect(Workloads.peer(d).toJson()).toEqual({ podSelector: { matchLabels: d.matchLabels } });
  });

  test('peer of a workload in a namespaced chart: its pods AND its namespace, one entry', () => {
    const d = new kplus.Deployment(chart('web'), 'frontend', { containers: [container] });
    expect(Workloads.peer(d).toJson()).toEqual({
      podSelector: { matchLabels: d.matchLabels },
      namespaceSelector: { matchLabels: { [NAME]: 'web' } },
    });
  });

  test('Pods.select with labels, expressions and Namespaces', () => {
    const c = chart();
    const pods = kplus.Pods.select(c, 'monitors', {
      labels: { app: 'prometheus' },
      namespaces: kplus.Namespaces.select(c, 'mon', { names: ['monitoring', 'observability'] }),
    });
    expect(Workloads.peer(pods).toJson()).toEqual({
      podSelector: { matchLabels: { app: 'prometheus' } },
      namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'In', values: ['monitoring', 'observability'] }] },
    });
  });

  test('Namespace and labelled Namespaces as peers', () => {
    const c = chart();
    const ns = new kplus.Namespace(c, 'payments', { metadata: { name: 'payments' } });
    expect(Workloads.namespace(ns).toJson()).toEqual({ namespaceSelector: { matchLabels: { [NAME]: 'payments' } } });
    const labelled = kplus.Namespaces.select(c, 'prod', { labels: { env: 'prod' } });
    expect(Workloads.namespace(labelled).toJson()).toEqual({ namespaceSelector: { matchLabels: { env: 'prod' } } });
    const d = new kplus.Deployment(c, 'api', { containers: [container] });
    expect(Workloads.peerIn(d, ns).toJson()).toEqual({
      podSelector: { matchLabels: d.matchLabels }, namespaceSelector: { matchLabels: { [NAME]: 'payments' } },
    });
  });

  test('a target is checked against the policy namespace', () => {
    const c = chart('web');
    const d = new kplus.Deployment(c, 'frontend', { containers: [container] });
    expect(() => Workloads._checkTarget('to', Workloads.select(d), 'web')).not.toThrow();
    expect(() => Workloads._checkTarget('to', Workloads.select(d), 'payments')).toThrow(
      'to: pods of test/frontend is in namespace "web" but this policy is in "payments"; a policy selects pods of its own namespace only: create it in namespace "web"',
    );
    const spread = kplus.Pods.select(c, 'p', { labels: { app: 'x' }, namespaces: kplus.Namespaces.select(c, 'n', { labels: { env: 'prod' } }) });
    expect(() => Workloads._checkTarget('to', Workloads.select(spread), 'web')).toThrow(
      'to: pods of test/p selects pods in several namespaces, but a policy selects pods of its own namespace only',
    );
  });

  test('every pod of a cdk8s-plus Namespace as a target, in that namespace only', () => {
    const ns = new kplus.Namespace(chart(), 'ns', { metadata: { name: 'payments' } });
    const select = Workloads.allPodsIn(ns);
    expect(select.isAllPods).toBe(true);
    expect(() => Workloads._checkTarget('pods', select, 'payments')).not.toThrow();
    expect(() => Workloads._checkTarget('pods', select, 'web')).toThrow('pods: all pods of namespace payments is in namespace "payments" but this policy is in "web"');
  });

  test('invalid labels given to cdk8s-plus are refused with the object path', () => {
    const d = new kplus.Deployment(chart(), 'bad', { containers: [container] });
    d.select(kplus.LabelSelector.of({ labels: { app: 'not valid!' } }));
    expect(() => Workloads.selectorOf(d)).toThrow('Deployment test/bad: podSelector');
  });
});
