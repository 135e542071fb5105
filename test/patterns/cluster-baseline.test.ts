import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { describe, expect, test } from 'vitest';
import { ClusterBaseline, Protocol } from '../../lib';
import { Reachability } from '../../lib/testing';

function names(objs: any[]): string[] {
  return objs.filter((o) => o.kind === 'NetworkPolicy').map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
}

describe('ClusterBaseline', () => {
  test('listed namespaces: one baseline set each, sorted, whatever the chart namespace', () => {
    const c = new Chart(Testing.app(), 'platform');
    const cb = new ClusterBaseline(c, 'baseline', { namespaces: ['web', 'payments'] });
    expect(cb.namespaces).toEqual(['payments', 'web']);
    expect(cb.specs.map((s) => s.id)).toEqual(names(Testing.synth(c)));
    expect(names(Testing.synth(c))).toEqual([
      'payments/baseline-default-deny', 'payments/baseline-allow-dns',
      'web/baseline-default-deny', 'web/baseline-allow-dns',
    ]);
  });

  test('discovers every cdk8s-plus Namespace of the app, in any chart, minus the control plane ones', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    for (const name of ['payments', 'web', 'kube-system', 'monitoring']) new kplus.Namespace(infra, name, { metadata: { name } });
    const c = new Chart(app, 'policies');
    const cb = new ClusterBaseline(c, 'zero-trust', { exclude: [...ClusterBaseline.DEFAULT_EXCLUDED_NAMESPACES, 'monitoring'], allowSameNamespace: true });
    expect(cb.namespaces).toEqual(['payments', 'web']);
    expect(names(Testing.synth(c))).toEqual([
      'payments/zero-trust-default-deny', 'payments/zero-trust-allow-dns', 'payments/zero-trust-allow-same-namespace',
      'web/zero-trust-default-deny', 'web/zero-trust-allow-dns', 'web/zero-trust-allow-same-namespace',
    ]);
  });

  test('default exclusions: kube-system, kube-public and kube-node-lease Namespaces are left alone', () => {
    // GIVEN cdk8s-plus Namespaces, control plane ones included, and no `exclude`
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    for (const name of ['kube-system', 'kube-public', 'kube-node-lease', 'default', 'payments']) new kplus.Namespace(infra, name, { metadata: { name } });
    const c = new Chart(app, 'policies');
    // WHEN
    const cb = new ClusterBaseline(c, 'baseline');
    // THEN one set per team namespace, none in the control plane's
    expect(cb.namespaces).toEqual(['default', 'payments']);
    expect(names(Testing.synth(c))).toEqual([
      'default/baseline-default-deny', 'default/baseline-allow-dns',
      'payments/baseline-default-deny', 'payments/baseline-allow-dns',
    ]);
    for (const o of Testing.synth(c)) expect(o.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'cdk8s-netpol', 'netpol.cdk8s.io/pattern': 'namespace-baseline' });
  });

  test('by reachability: covered namespaces are closed except DNS, excluded ones stay open', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    for (const name of ['kube-system', 'payments', 'web']) new kplus.Namespace(infra, name, { metadata: { name } });
    const c = new Chart(app, 'policies');
    new ClusterBaseline(c, 'baseline');
    const r = Reachability.fromChart(c, {
      namespaces: [{ name: 'kube-system' }, { name: 'payments' }, { name: 'web' }],
      workloads: [
        { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' } },
        { namespace: 'kube-system', name: 'metrics-server', labels: { app: 'metrics-server' } },
        { namespace: 'payments', name: 'api', labels: { app: 'api' } },
        { namespace: 'payments', name: 'worker', labels: { app: 'worker' } },
        { namespace: 'web', name: 'frontend', labels: { app: 'frontend' } },
      ],
    });
    r.assertAllowed('payments/api', 'kube-system/coredns', 53, Protocol.UDP);
    r.assertAllowed('web/frontend', 'kube-system/coredns', 53, Protocol.TCP);
    r.assertDenied('web/frontend', 'payments/api', 8080);
    r.assertDenied('payments/worker', 'payments/api', 8080);
    r.assertDenied('payments/api', 'kube-system/metrics-server', 443);
    // kube-system is excluded: nothing selects its pods, so they keep accepting (and sending) everything.
    r.assertAllowed('kube-system/metrics-server', 'kube-system/coredns', 53, Protocol.UDP);
  });

  test('a Namespace defined after the baseline is a synth error, not silently left open', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const c = new Chart(app, 'c');
    new kplus.Namespace(c, 'a', { metadata: { name: 'a' } });
    new ClusterBaseline(c, 'baseline');
    new kplus.Namespace(c, 'late', { metadata: { name: 'late' } });
    expect(() => app.synthYaml()).toThrow(
      /\[c\/baseline\] namespaces: Namespace "late" was defined after this ClusterBaseline and is not covered; define the Namespaces before the ClusterBaseline, or list them in `namespaces`/,
    );
  });

  test('no namespace at all is a synth error', () => {
    const app = new App({ outdir: Testing.app().outdir });
    new ClusterBaseline(new Chart(app, 'c'), 'baseline');
    expect(() => app.synthYaml()).toThrow(/\[c\/baseline\] namespaces: no cdk8s-plus Namespace found in the app/);
  });

  test('listing an excluded namespace is a synth error', () => {
    const app = new App({ outdir: Testing.app().outdir });
    new ClusterBaseline(new Chart(app, 'c'), 'baseline', { namespaces: ['kube-system', 'web'] });
    expect(() => app.synthYaml()).toThrow(/\[c\/baseline\] ClusterBaseline: namespace "kube-system" is listed in `namespaces` but also excluded/);
  });
});
