import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { describe, expect, test } from 'vitest';
import { AllowDns, AllowFrom, DatabaseTier, DefaultDeny, NamespaceBaseline, Port, Workloads } from '../../lib';
import { Reachability } from '../../lib/testing';

const container = { image: 'nginx', portNumber: 8080, securityContext: { ensureNonRoot: false } };

describe('our policies and cdk8s-plus-28 NetworkPolicy in one chart', () => {
  test('both are synthesized side by side, with distinct names, and ours target kplus workloads', () => {
    const c = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
    const api = new kplus.Deployment(c, 'api', { containers: [container] });
    const db = new kplus.StatefulSet(c, 'postgres', {
      containers: [{ ...container, portNumber: 5432 }],
      service: new kplus.Service(c, 'postgres-svc', { ports: [{ port: 5432 }] }),
    });
    // cdk8s-plus' own API: api may reach the database (it emits its own NetworkPolicies).
    api.connections.allowTo(db, { ports: [kplus.NetworkPolicyPort.tcp(5432)], isolation: kplus.PodConnectionsIsolation.POD });
    // Ours, on the same workloads.
    new NamespaceBaseline(c, 'baseline');
    new DatabaseTier(c, 'postgres-tier', { database: Workloads.select(db), clients: [Workloads.peer(api)] });

    const objs = Testing.synth(c);
    const policies = objs.filter((o) => o.kind === 'NetworkPolicy');
    const ours = policies.filter((p) => p.metadata.labels?.['app.kubernetes.io/managed-by'] === 'cdk8s-netpol');
    const theirs = policies.filter((p) => !ours.includes(p));
    expect(ours.map((p) => p.metadata.name)).toEqual(['baseline-default-deny', 'baseline-allow-dns', 'postgres-tier']);
    expect(theirs.length).toBeGreaterThanOrEqual(1);
    const allNames = policies.map((p) => p.metadata.name);
    expect(new Set(allNames).size).toBe(allNames.length);
    for (const p of policies) expect(p.metadata.namespace).toBe('payments');

    // Our DatabaseTier selects the StatefulSet's pods and lets the Deployment's pods in, AND-ed with the namespace.
    const tier = ours[2];
    expect(tier.spec.podSelector).toEqual({ matchLabels: db.matchLabels });
    expect(tier.spec.ingress).toEqual([{
      from: [{ podSelector: { matchLabels: api.matchLabels }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } } }],
      ports: [{ protocol: 'TCP', port: 5432 }],
    }]);
    // The workloads' pod templates carry the labels our selectors use.
    const dbObj = objs.find((o) => o.kind === 'StatefulSet');
    expect(dbObj.spec.template.metadata.labels).toMatchObject(db.matchLabels);
  });

  test('a kplus workload of another namespace cannot be a target', () => {
    const app = Testing.app();
    const web = new Chart(app, 'web', { namespace: 'web' });
    const frontend = new kplus.Deployment(web, 'frontend', { containers: [container] });
    const c = new Chart(app, 'payments', { namespace: 'payments' });
    new DatabaseTier(c, 'db', { database: Workloads.select(frontend) });
    expect(() => Testing.synth(c)).toThrow(
      /\[payments\/db\] database: pods of web\/frontend is in namespace "web" but this policy is in "payments"; a policy selects pods of its own namespace only/,
    );
  });

  test('core constructs accept Workloads targets and peers too', () => {
    const app = Testing.app();
    const web = new Chart(app, 'web', { namespace: 'web' });
    const frontend = new kplus.Deployment(web, 'frontend', { containers: [container] });
    const c = new Chart(app, 'payments', { namespace: 'payments' });
    const api = new kplus.Deployment(c, 'api', { containers: [container] });
    new DefaultDeny(c, 'deny');
    new AllowDns(c, 'dns', { pods: Workloads.select(api) });
    new AllowFrom(c, 'frontend-to-api', { to: Workloads.select(api), from: [Workloads.peer(frontend)], ports: [Port.tcp(8080)] });
    const allow = Testing.synth(c).find((o) => o.metadata?.name === 'allow-frontend-to-api');
    expect(allow.spec.ingress[0].from).toEqual([{
      podSelector: { matchLabels: frontend.matchLabels }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } },
    }]);
  });
});

describe('coexistence, by reachability: cdk8s-plus policies and ours are one union', () => {
  test.each([true, false])('cdk8s-plus allowTo present: %s', (withKplus) => {
    const c = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
    const api = new kplus.Deployment(c, 'api', { containers: [container] });
    const worker = new kplus.Deployment(c, 'worker', { containers: [container] });
    const db = new kplus.Deployment(c, 'postgres', { containers: [{ ...container, portNumber: 5432 }] });
    // cdk8s-plus opens api's egress to the database (its own policy on api) ...
    if (withKplus) api.connections.allowTo(db, { ports: [kplus.NetworkPolicyPort.tcp(5432)], isolation: kplus.PodConnectionsIsolation.POD });
    // ... ours deny everything else and let only the api into the database.
    new NamespaceBaseline(c, 'baseline');
    new DatabaseTier(c, 'postgres-tier', { database: Workloads.select(db), clients: [Workloads.peer(api)] });

    const objs = Testing.synth(c);
    const name = (kind: string, w: kplus.Deployment) => objs.find((o) => o.kind === kind && o.metadata.name === w.name).metadata.name;
    const r = Reachability.fromManifests(objs, { namespaces: [{ name: 'kube-system' }], workloads: [{ namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' } }] });
    const [apiId, workerId, dbId] = [api, worker, db].map((w) => `payments/${name('Deployment', w)}`);
    // Without cdk8s-plus' egress allowance our baseline keeps the api's egress closed.
    expect(r.isAllowed(apiId, dbId, 5432)).toBe(withKplus);
    r.assertDenied(workerId, dbId, 5432);
    r.assertDenied(apiId, dbId, 8080);
    r.assertOnlyReachableFrom(dbId, withKplus ? [apiId] : [], 5432);
  });
});
