import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { describe, expect, test } from 'vitest';
import { AllowDns, AllowFrom, AllowTo, DatabaseTier, DefaultDeny, NamespaceBaseline, NetworkPolicy, Port, Workloads } from '../../lib';
import { Reachability } from '../../lib/testing';

// Every cdk8s-plus-28 kind the issue names, used as a TARGET (spec.podSelector) and as a PEER
// (a from/to entry) of our constructs, checked two ways: the synthesized selector matches the
// labels cdk8s-plus writes on the pods, and the analyzer (lib/testing's public API) finds exactly
// the documented flows open.

const container = { image: 'nginx', portNumber: 8080, securityContext: { ensureNonRoot: false } };
const dnsCluster = { namespaces: [{ name: 'kube-system' }], workloads: [{ namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' } }] };

/** Makes one object of a kind, and returns it with the metadata.name of the pods' owner object. */
type Make = (c: Chart, id: string) => { selector: kplus.IPodSelector; owner: () => string };

const workload = (w: kplus.AbstractPod): { selector: kplus.IPodSelector; owner: () => string } => ({ selector: w, owner: () => w.name });

// The third field: whether the peer carries the object's namespace (AND). A workload of a chart
// with a namespace does; a `Pods` selection without `namespaces` means the policy's own namespace.
const KINDS: Array<[string, Make, boolean]> = [
  ['Deployment', (c, id) => workload(new kplus.Deployment(c, id, { containers: [container] })), true],
  ['StatefulSet', (c, id) => workload(new kplus.StatefulSet(c, id, {
    containers: [container], service: new kplus.Service(c, `${id}-svc`, { ports: [{ port: 8080 }] }),
  })), true],
  ['DaemonSet', (c, id) => workload(new kplus.DaemonSet(c, id, { containers: [container] })), true],
  ['Job', (c, id) => workload(new kplus.Job(c, id, { containers: [container] })), true],
  ['Pod', (c, id) => workload(new kplus.Pod(c, id, { containers: [container] })), true],
  ['Pods (a label selection)', (c, id) => {
    // kplus.Pods selects pods by labels; give one Pod those labels to stand for them.
    const pod = new kplus.Pod(c, `${id}-pod`, { containers: [container], metadata: { labels: { role: id } } });
    return { selector: kplus.Pods.select(c, id, { labels: { role: id } }), owner: () => pod.name };
  }, false],
];

/** The labels the synthesized owner object gives its pods. */
function podLabels(objects: any[], owner: string): { [k: string]: string } {
  const obj = objects.find((o) => o.metadata?.name === owner && o.kind !== 'Service' && o.kind !== 'NetworkPolicy');
  return obj.kind === 'Pod' ? obj.metadata.labels : obj.spec.template.metadata.labels;
}

function matches(selector: { matchLabels?: { [k: string]: string } }, labels: { [k: string]: string }): boolean {
  return Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}

describe.each(KINDS)('%s as target and as peer', (_kind, make, andNamespace) => {
  function build() {
    const c = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
    const target = make(c, 'target');
    const client = make(c, 'client');
    const stranger = new kplus.Deployment(c, 'stranger', { containers: [container] });
    new NamespaceBaseline(c, 'baseline');
    // Both ends must allow a connection (docs/semantics.md rule 10): ingress on the target, egress on the client.
    new AllowFrom(c, 'client-to-target', { to: Workloads.select(target.selector), from: [Workloads.peer(client.selector)], ports: [Port.tcp(8080)] });
    new AllowTo(c, 'client-egress', { from: Workloads.select(client.selector), to: [Workloads.peer(target.selector)], ports: [Port.tcp(8080)] });
    const objects = Testing.synth(c);
    const id = (name: string) => `payments/${name}`;
    return { c, objects, target: id(target.owner()), client: id(client.owner()), stranger: id(stranger.name), targetOwner: target.owner(), clientOwner: client.owner() };
  }

  test('the synthesized selectors match the labels cdk8s-plus puts on the pods', () => {
    const b = build();
    const ingress = b.objects.find((o) => o.metadata.name === 'allow-client-to-target');
    const egress = b.objects.find((o) => o.metadata.name === 'allow-client-egress');
    expect(matches(ingress.spec.podSelector, podLabels(b.objects, b.targetOwner))).toBe(true);
    expect(matches(ingress.spec.podSelector, podLabels(b.objects, b.clientOwner))).toBe(false);
    // The peer is one entry: the client's pods, AND (for a workload of a namespaced chart) its namespace.
    expect(ingress.spec.ingress[0].from).toHaveLength(1);
    expect(matches(ingress.spec.ingress[0].from[0].podSelector, podLabels(b.objects, b.clientOwner))).toBe(true);
    expect(ingress.spec.ingress[0].from[0].namespaceSelector).toEqual(andNamespace ? { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } } : undefined);
    expect(matches(egress.spec.podSelector, podLabels(b.objects, b.clientOwner))).toBe(true);
    expect(matches(egress.spec.egress[0].to[0].podSelector, podLabels(b.objects, b.targetOwner))).toBe(true);
  });

  test('by reachability: only the client reaches the target, on 8080 only', () => {
    const b = build();
    const r = Reachability.fromChart(b.c, dnsCluster);
    r.assertAllowed(b.client, b.target, 8080);
    r.assertDenied(b.client, b.target, 9090);
    r.assertDenied(b.stranger, b.target, 8080);
    r.assertDenied(b.target, b.client, 8080);
    r.assertOnlyReachableFrom(b.target, [b.client], 8080);
  });
});

describe('kplus.Namespace as target and as peer', () => {
  test('every pod of a Namespace is the target; every pod of another Namespace is the peer', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    const payments = new kplus.Namespace(infra, 'payments', { metadata: { name: 'payments' } });
    const web = new kplus.Namespace(infra, 'web', { metadata: { name: 'web' } });
    new kplus.Namespace(infra, 'other', { metadata: { name: 'other' } });
    const c = new Chart(app, 'policies', { namespace: 'payments' });
    new AllowFrom(c, 'web-in', { to: Workloads.allPodsIn(payments), from: [Workloads.namespace(web)], ports: [Port.tcp(8080)] });
    const [policy] = Testing.synth(c);
    expect(policy.spec.podSelector).toEqual({});
    expect(policy.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } }]);

    const pods = ['payments', 'web', 'other'].map((ns) => ({ namespace: ns, name: 'app', labels: { app: 'x' } }));
    const r = Reachability.fromChart(c, { namespaces: ['payments', 'web', 'other'].map((name) => ({ name })), workloads: pods });
    r.assertAllowed('web/app', 'payments/app', 8080);
    r.assertDenied('other/app', 'payments/app', 8080);
    r.assertOnlyReachableFrom('payments/app', ['web/app'], 8080);
  });
});

describe('coexistence with cdk8s-plus own kplus.NetworkPolicy in one chart', () => {
  test('both are written, and the analyzer sees their union (policies only add allowances)', () => {
    const c = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
    const db = new kplus.Deployment(c, 'db', { containers: [{ ...container, portNumber: 5432 }] });
    const api = new kplus.Deployment(c, 'api', { containers: [container] });
    const reports = new kplus.Deployment(c, 'reports', { containers: [container] });
    new DatabaseTier(c, 'db-tier', { database: Workloads.select(db), clients: [Workloads.peer(api)] });
    // cdk8s-plus' own construct, written next to ours: reports may reach the database too.
    new kplus.NetworkPolicy(c, 'kplus-reports-to-db', {
      selector: db,
      ingress: { rules: [{ peer: reports, ports: [kplus.NetworkPolicyPort.tcp(5432)] }] },
    });
    const objects = Testing.synth(c);
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
    const ours = policies.filter((p) => p.metadata.labels?.['app.kubernetes.io/managed-by'] === 'cdk8s-netpol');
    expect(ours.map((p) => p.metadata.name)).toEqual(['db-tier']);
    expect(policies.length).toBeGreaterThan(ours.length);
    expect(new Set(policies.map((p) => p.metadata.name)).size).toBe(policies.length);

    const r = Reachability.fromChart(c, dnsCluster);
    const id = (w: kplus.Deployment) => `payments/${w.name}`;
    r.assertOnlyReachableFrom(id(db), [id(api), id(reports)], 5432);
    // Our DatabaseTier still keeps the database's egress closed: kplus' ingress policy does not reopen it.
    r.assertDenied(id(db), id(api), 8080);
  });
});

describe('a workload of another namespace is refused as a target by every core construct', () => {
  // A policy selects pods of its own namespace only (docs/semantics.md rule 3): the same labels in
  // "payments" would select other pods, or none.
  test.each([
    ['AllowFrom', 'to', (c: Chart, w: kplus.Deployment) => new AllowFrom(c, 'x', { to: Workloads.select(w), from: [Workloads.peer(w)] })],
    ['AllowTo', 'from', (c: Chart, w: kplus.Deployment) => new AllowTo(c, 'x', { from: Workloads.select(w), to: [Workloads.peer(w)] })],
    ['DefaultDeny', 'pods', (c: Chart, w: kplus.Deployment) => new DefaultDeny(c, 'x', { pods: Workloads.select(w) })],
    ['AllowDns', 'pods', (c: Chart, w: kplus.Deployment) => new AllowDns(c, 'x', { pods: Workloads.select(w) })],
    ['NetworkPolicy', 'podSelector', (c: Chart, w: kplus.Deployment) => new NetworkPolicy(c, 'x', { podSelector: Workloads.select(w), ingress: [] })],
  ])('%s (%s)', (_kind, field, make) => {
    const app = Testing.app();
    const frontend = new kplus.Deployment(new Chart(app, 'web', { namespace: 'web' }), 'frontend', { containers: [container] });
    const c = new Chart(app, 'payments', { namespace: 'payments' });
    make(c, frontend);
    expect(() => Testing.synth(c)).toThrow(
      new RegExp(`\\[payments/x\\] ${field}: pods of web/frontend is in namespace "web" but this policy is in "payments".*create it in namespace "web"`),
    );
  });
});
