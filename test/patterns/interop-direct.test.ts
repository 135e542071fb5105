import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { describe, expect, test } from 'vitest';
import {
  AllowDns, AllowFrom, AllowMonitoringScrape, AllowTo, DatabaseTier, DefaultDeny, NetworkPolicy, Peer, Port, Rule, Select, Workloads,
} from '../../lib';

// A cdk8s-plus workload, Pod, Pods or Namespace given directly where a target or peer is expected
// writes exactly what the explicit Workloads adapters write.

const container = { image: 'nginx', portNumber: 8080, securityContext: { ensureNonRoot: false } };

function world() {
  const app = Testing.app();
  const c = new Chart(app, 'payments', { namespace: 'payments' });
  const api = new kplus.Deployment(c, 'api', { containers: [container] });
  const db = new kplus.StatefulSet(c, 'db', { containers: [container], service: new kplus.Service(c, 'db-svc', { ports: [{ port: 5432 }] }) });
  const web = new kplus.Namespace(new Chart(app, 'web-ns'), 'web', { metadata: { name: 'web' } });
  return { c, api, db, web };
}

const specs = (c: Chart) => Testing.synth(c).filter((o) => o.kind === 'NetworkPolicy').map((o) => o.spec);

test('AllowFrom / AllowTo: workloads and a Namespace directly, as with the adapters', () => {
  const direct = world();
  new AllowFrom(direct.c, 'x', { to: direct.db, from: [direct.api, direct.web], ports: [Port.POSTGRES] });
  new AllowTo(direct.c, 'y', { from: direct.api, to: [direct.db], ports: [Port.POSTGRES] });
  const adapted = world();
  new AllowFrom(adapted.c, 'x', { to: Workloads.select(adapted.db), from: [Workloads.peer(adapted.api), Workloads.namespace(adapted.web)], ports: [Port.POSTGRES] });
  new AllowTo(adapted.c, 'y', { from: Workloads.select(adapted.api), to: [Workloads.peer(adapted.db)], ports: [Port.POSTGRES] });
  expect(specs(direct.c)).toEqual(specs(adapted.c));
  const [ingress] = specs(direct.c);
  expect(ingress.ingress[0].from).toHaveLength(2); // OR: the workload, or any pod of namespace web
  expect(ingress.ingress[0].from[1]).toEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } });
});

test('DefaultDeny, AllowDns, NetworkPolicy and the patterns take them too', () => {
  const direct = world();
  new DefaultDeny(direct.c, 'deny', { pods: direct.db });
  new AllowDns(direct.c, 'dns', { pods: direct.api });
  new NetworkPolicy(direct.c, 'np', { podSelector: direct.api, ingress: [Rule.allow({ peers: [Peer.sameNamespace()] })] });
  new DatabaseTier(direct.c, 'tier', { database: direct.db, clients: [direct.api] });
  new AllowMonitoringScrape(direct.c, 'scrape', { targets: direct.api, scrapers: [Peer.pods({ app: 'prometheus' }).inNamespace('monitoring')] });
  const adapted = world();
  new DefaultDeny(adapted.c, 'deny', { pods: Workloads.select(adapted.db) });
  new AllowDns(adapted.c, 'dns', { pods: Workloads.select(adapted.api) });
  new NetworkPolicy(adapted.c, 'np', { podSelector: Workloads.select(adapted.api), ingress: [Rule.allow({ peers: [Peer.sameNamespace()] })] });
  new DatabaseTier(adapted.c, 'tier', { database: Workloads.select(adapted.db), clients: [Workloads.peer(adapted.api)] });
  new AllowMonitoringScrape(adapted.c, 'scrape', { targets: Workloads.select(adapted.api), scrapers: [Peer.pods({ app: 'prometheus' }).inNamespace('monitoring')] });
  expect(specs(direct.c)).toEqual(specs(adapted.c));
});

describe('what cannot stand in', () => {
  test('a Namespace of another namespace as the target: synth error naming the field', () => {
    const { c, web } = world();
    new DefaultDeny(c, 'deny', { pods: web });
    expect(() => Testing.synth(c)).toThrow(/\[payments\/deny\] pods: all pods of namespace web is in namespace "web" but this policy is in "payments"/);
  });

  test('an object that is neither a selection nor a cdk8s-plus object: synth error naming the field', () => {
    const { c } = world();
    new AllowFrom(c, 'x', { to: Select.pods({ app: 'a' }), from: [{ app: 'b' } as unknown as Peer] });
    expect(() => Testing.synth(c)).toThrow(/\[payments\/x\] props\.from\[0\]: Invalid value: \{"app":"b"\}: must be a Peer \(Peer\.pods\(\.\.\.\), /);
  });
});
