import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { describe, expect, test } from 'vitest';
import { AllowDns, AllowFlow, AllowFrom, DefaultDeny, Peer, Port, Reachability, Select } from '../../lib';

// AllowFlow opens a flow on both ends: the server's ingress in its namespace, the client's egress
// in the client's, AND kept on both sides. Held by Reachability under a default deny of both
// directions, where AllowFrom alone leaves the flow closed (issue 13).

function deployment(chart: Chart, name: string, labels: Record<string, string>) {
  return new ApiObject(chart, name, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'x' }] } } },
  });
}

/** Two namespaces under a default deny of both directions, with DNS: web/frontend, shop/{api, postgres, other}. */
function denied(): { app: App; web: Chart; shop: Chart } {
  const app = Testing.app();
  const web = new Chart(app, 'web', { namespace: 'web' });
  const shop = new Chart(app, 'shop', { namespace: 'shop' });
  for (const c of [web, shop]) {
    new DefaultDeny(c, 'default-deny');
    new AllowDns(c, 'dns');
  }
  deployment(web, 'frontend', { app: 'frontend' });
  deployment(web, 'impostor', { app: 'api' });
  deployment(shop, 'api', { app: 'api' });
  deployment(shop, 'postgres', { app: 'postgres' });
  deployment(shop, 'frontend', { app: 'frontend' });
  return { app, web, shop };
}

const policies = (c: Chart) => Testing.synth(c).filter((o) => o.kind === 'NetworkPolicy');

describe('AllowFlow', () => {
  test('AllowFrom alone leaves the client\'s egress closed; AllowFlow opens both ends', () => {
    const oneSided = denied();
    new AllowFrom(oneSided.shop, 'api-to-postgres', { to: Select.pods({ app: 'postgres' }), from: [Peer.pods({ app: 'api' })], ports: [Port.POSTGRES] });
    expect(Reachability.of(oneSided.app).isAllowed('shop/api', 'shop/postgres', 5432)).toBe(false);

    const both = denied();
    new AllowFlow(both.shop, 'api-to-postgres', { from: Select.pods({ app: 'api' }), to: Select.pods({ app: 'postgres' }), ports: [Port.POSTGRES] });
    const r = Reachability.of(both.app);
    r.assertAllowed('shop/api', 'shop/postgres', 5432);
    r.assertDenied('shop/api', 'shop/postgres', 5433);
    r.assertOnlyReachableFrom('shop/postgres', ['shop/api'], 5432);
    r.assertReachableDestinations('shop/api', ['shop/postgres'], 5432);
  });

  test('same namespace: two policies in the chart, bare pod selectors on both sides', () => {
    const { shop } = denied();
    new AllowFlow(shop, 'api-to-postgres', { from: Select.pods({ app: 'api' }), to: Select.pods({ app: 'postgres' }), ports: [Port.POSTGRES] });
    const written = policies(shop).filter((o) => o.metadata.name.startsWith('allow-api-to-postgres'));
    expect(written.map((o) => [o.metadata.namespace, o.metadata.name, o.spec])).toEqual([
      ['shop', 'allow-api-to-postgres-ingress', {
        podSelector: { matchLabels: { app: 'postgres' } }, policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
      }],
      ['shop', 'allow-api-to-postgres-egress', {
        podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'postgres' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
      }],
    ]);
  });

  test('across namespaces: the egress policy lands in the client\'s chart, pods AND namespace in ONE entry on each side', () => {
    const { app, web, shop } = denied();
    const flow = new AllowFlow(shop, 'web-to-api', { from: Select.pods({ app: 'frontend' }), fromNamespace: 'web', to: Select.pods({ app: 'api' }), ports: [Port.tcp(8080)] });
    expect(flow.policies.map((p) => p.node.path)).toEqual(['shop/web-to-api/ingress', 'web/web-to-api-egress']);
    const ingress = policies(shop).find((o) => o.metadata.name === 'allow-web-to-api-ingress');
    expect(ingress.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } }, podSelector: { matchLabels: { app: 'frontend' } } }]);
    const egress = policies(web).find((o) => o.metadata.name === 'allow-web-to-api-egress');
    expect(egress.metadata.namespace).toBe('web');
    expect(egress.spec.egress[0].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'api' } } }]);
    const r = Reachability.of(app);
    r.assertAllowed('web/frontend', 'shop/api', 8080);
    // AND, not OR: neither app=api pods of web, nor app=frontend pods of shop, are let through.
    r.assertOnlyReachableFrom('shop/api', ['web/frontend'], 8080);
    r.assertReachableDestinations('web/frontend', ['shop/api'], 8080);
  });

  test('a cdk8s-plus workload of another chart: its egress policy is written in its own chart', () => {
    const app = Testing.app();
    const web = new Chart(app, 'web', { namespace: 'web' });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    new DefaultDeny(web, 'default-deny');
    new AllowDns(web, 'dns');
    const container = { image: 'nginx', portNumber: 8080, securityContext: { ensureNonRoot: false } };
    const frontend = new kplus.Deployment(web, 'frontend', { containers: [container] });
    const api = new kplus.Deployment(shop, 'api', { containers: [container] });
    const flow = new AllowFlow(shop, 'web-to-api', { from: frontend, to: api, ports: [Port.tcp(8080)] });
    expect(flow.specs.map((s) => `${s.namespace}/${s.name}`)).toEqual(['shop/allow-web-to-api-ingress', 'web/allow-web-to-api-egress']);
    expect(policies(web).map((o) => o.metadata.name)).toEqual(['default-deny', 'allow-dns', 'allow-web-to-api-egress']);
  });

  test.each([
    { name: 'the client namespace has no chart', props: { fromNamespace: 'nowhere' }, says: /\[shop\/flow\] no chart of the App has namespace "nowhere", so the client side \(an egress policy in nowhere\) has nowhere to go; add one/ },
    { name: 'an invalid namespace name', props: { fromNamespace: 'Web' }, says: /\[shop\/flow\] fromNamespace: Invalid value: "Web"/ },
    { name: 'an empty port list', props: { ports: [] }, says: /\[shop\/flow\] ports: an empty list would allow every port/ },
    { name: 'a peer where pods are expected', props: { from: Peer.ipBlock('10.0.0.0/8') as any }, says: /\[shop\/flow\] from: expected Select.pods\(...\).*a peer \(Peer.ipBlock, a namespace selector\) has no policy of ours to write/ },
  ])('a synth error naming the construct: $name', ({ props, says }) => {
    const { shop } = denied();
    new AllowFlow(shop, 'flow', { from: Select.pods({ app: 'api' }), to: Select.pods({ app: 'postgres' }), ...props });
    expect(() => Testing.synth(shop)).toThrow(says);
  });
});
