import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { describe, expect, test } from 'vitest';
import { ClusterBaseline } from '../../lib';

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
