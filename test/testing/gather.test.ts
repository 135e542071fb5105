import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { describe, expect, test } from 'vitest';
import { AllowFrom, Select } from '../../lib/constructs';
import { Peer, Port } from '../../lib/model';
import { Reachability } from '../../lib/testing';

// What Reachability gathers from an App: our policies, other NetworkPolicy objects (cdk8s-plus's
// and raw ApiObjects), Namespaces (cdk8s-plus's and raw), cdk8s-plus workloads, and raw ApiObjects
// of every workload kind (their pod templates' labels and container ports).

function template(labels: Record<string, string>, port: number) {
  return { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'main', containerPort: port }] }] } };
}

function build() {
  const app = Testing.app();
  const shop = new Chart(app, 'shop', { namespace: 'shop' });
  new kplus.Namespace(shop, 'ns', { metadata: { name: 'shop', labels: { team: 'shop' } } });
  const web = new kplus.Deployment(shop, 'web', { containers: [{ image: 'web', ports: [{ number: 8080, name: 'http' }] }] });
  const db = new kplus.StatefulSet(shop, 'db', { containers: [{ image: 'pg', portNumber: 5432 }] });
  const viaPlus = new kplus.NetworkPolicy(shop, 'db-policy', {
    selector: db,
    ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY, rules: [{ peer: web, ports: [kplus.NetworkPolicyPort.tcp(5432)] }] },
  });
  const ops = new Chart(app, 'ops', { namespace: 'ops' });
  new ApiObject(ops, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ops', labels: { team: 'ops' } } });
  const raw = {
    DaemonSet: { selector: { matchLabels: { app: 'agent' } }, template: template({ app: 'agent' }, 9100) },
    Job: { template: template({ app: 'migrate' }, 9000) },
    CronJob: { schedule: '@daily', jobTemplate: { spec: { template: template({ app: 'backup' }, 9001) } } },
    ReplicaSet: { selector: { matchLabels: { app: 'legacy' } }, template: template({ app: 'legacy' }, 9002) },
    StatefulSet: { serviceName: 'queue', selector: { matchLabels: { app: 'queue' } }, template: template({ app: 'queue' }, 5672) },
  };
  for (const [kind, spec] of Object.entries(raw)) {
    new ApiObject(ops, kind.toLowerCase(), { apiVersion: kind.endsWith('Job') ? 'batch/v1' : 'apps/v1', kind, metadata: { name: kind.toLowerCase() }, spec });
  }
  new ApiObject(ops, 'raw-policy', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'queue-from-shop' },
    spec: { podSelector: { matchLabels: { app: 'queue' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'shop' } } }] }] },
  });
  const ours = new AllowFrom(ops, 'agent-scrape', { to: Select.pods({ app: 'agent' }), from: [Peer.pods({ app: 'backup' })], ports: [Port.tcp(9100)] });
  return { app, shop, web, db, viaPlus, ours };
}

describe('Reachability gathers an App', () => {
  const { app, web, db, viaPlus } = build();
  const r = Reachability.of(app, { externals: ['198.51.100.7'] });
  const webId = `shop/${web.name}`;
  const dbId = `shop/${db.name}`;

  test('workloads: cdk8s-plus constructs and raw ApiObjects of every workload kind', () => {
    const found = r.cluster.workloads.map((w) => `${w.kind} ${w.namespace}/${w.name}`).sort();
    expect(found).toEqual([
      `Deployment ${webId}`, `StatefulSet ${dbId}`,
      'CronJob ops/cronjob', 'DaemonSet ops/daemonset', 'Job ops/job', 'ReplicaSet ops/replicaset', 'StatefulSet ops/statefulset',
    ].sort());
    expect(r.cluster.findWorkload('shop', web.name)?.containerPorts).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(r.cluster.findWorkload('ops', 'cronjob')?.labels).toEqual({ app: 'backup' });
  });

  test('namespaces: cdk8s-plus and raw, with their labels and the automatic name label', () => {
    expect(r.cluster.namespaces.map((n) => [n.name, n.labels])).toEqual([
      ['ops', { 'team': 'ops', 'kubernetes.io/metadata.name': 'ops' }],
      ['shop', { 'team': 'shop', 'kubernetes.io/metadata.name': 'shop' }],
    ]);
  });

  test('policies: cdk8s-plus NetworkPolicy, raw ApiObject and our constructs', () => {
    const ids = r.cluster.policies.map((p) => p.id);
    expect(ids).toContain(`shop/${viaPlus.name}`);
    expect(ids).toContain('ops/queue-from-shop');
    expect(ids.filter((id) => id.startsWith('ops/') && id !== 'ops/queue-from-shop')).toHaveLength(1);
  });

  test('the gathered policies decide: cdk8s-plus policy on the StatefulSet', () => {
    r.assertAllowed(webId, dbId, 5432);
    r.assertDenied(webId, dbId, 8080);
    r.assertOnlyReachableFrom(dbId, [webId], 5432);
    expect(r.explain(webId, dbId, 5432).ingress.policies).toEqual([`shop/${viaPlus.name}`]);
  });

  test('the gathered policies decide: raw policy selecting by namespace label, our construct', () => {
    r.assertOnlyReachableFrom('ops/statefulset', [webId, dbId], 5672);
    r.assertOnlyReachableFrom('ops/daemonset', ['app=backup'], 9100);
    r.assertDenied('198.51.100.7', 'ops/daemonset', 9100);
  });
});

describe('Reachability of one Chart', () => {
  test('reads only that chart', () => {
    const { shop, db } = build();
    const r = Reachability.fromChart(shop);
    expect(r.cluster.workloads.map((w) => w.namespace)).toEqual(['shop', 'shop']);
    expect(r.cluster.policies).toHaveLength(1);
    expect(r.isAllowed(`shop/${db.name}`, `shop/${db.name}`, 5432)).toBe(false);
  });

  test('an empty app gathers nothing and says so when asked about a workload', () => {
    const r = Reachability.of(new App());
    expect(r.cluster.workloads).toEqual([]);
    expect(() => r.assertAllowed('a/b', 'c/d', 80)).toThrow('unknown endpoint "a/b": no pod or workload has that namespace/name (the cluster has no workloads)');
  });
});
