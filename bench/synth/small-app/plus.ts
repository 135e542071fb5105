// The small app of `synth.smallApp` with cdk8s-plus-28 only: the same twelve policies as
// ours.ts, written with cdk8s-plus's NetworkPolicy (selectors and peers are constructs there).
import { Construct } from 'constructs';
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = { }) {
    super(scope, id, props);
    const pods = (name: string, app: string, namespace?: string) => kplus.Pods.select(this, name, {
      labels: { app }, ...(namespace ? { namespaces: kplus.Namespaces.select(this, `${name}-ns`, { names: [namespace] }) } : {}),
    });
    const allow = (id: string, direction: 'ingress' | 'egress', target: kplus.IPodSelector, peer: kplus.INetworkPolicyPeer, port: number) =>
      new kplus.NetworkPolicy(this, id, { selector: target, [direction]: { rules: [{ peer, ports: [kplus.NetworkPolicyPort.tcp(port)] }] } });
    const web = pods('web', 'web');
    const api = pods('api', 'api');
    const db = pods('db', 'db');
    const cache = pods('cache', 'cache');

    new kplus.NetworkPolicy(this, 'default-deny', {
      selector: kplus.Pods.all(this, 'all'),
      ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
      egress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
    });
    new kplus.NetworkPolicy(this, 'dns', {
      selector: kplus.Pods.all(this, 'all-dns'),
      egress: {
        rules: [{
          peer: kplus.Pods.select(this, 'kube-dns', { labels: { 'k8s-app': 'kube-dns' }, namespaces: kplus.Namespaces.select(this, 'kube-system', { names: ['kube-system'] }) }),
          ports: [kplus.NetworkPolicyPort.udp(53), kplus.NetworkPolicyPort.tcp(53)],
        }],
      },
    });
    allow('ingress-to-web', 'ingress', web, kplus.Namespaces.select(this, 'ingress-nginx', { names: ['ingress-nginx'] }), 8080);
    allow('web-to-api', 'ingress', api, web, 8080);
    allow('web-egress', 'egress', web, api, 8080);
    allow('api-to-db', 'ingress', db, api, 5432);
    allow('api-egress-db', 'egress', api, db, 5432);
    allow('api-to-cache', 'ingress', cache, api, 6379);
    allow('api-egress-cache', 'egress', api, cache, 6379);
    allow('scrape', 'ingress', kplus.Pods.all(this, 'all-scrape'), pods('prometheus', 'prometheus', 'monitoring'), 9090);
    allow('api-egress-payments', 'egress', api, kplus.NetworkPolicyIpBlock.ipv4(this, 'payments', '203.0.113.0/24'), 443);
    allow('db-from-backup', 'ingress', db, pods('backup', 'backup', 'ops'), 5432);
  }
}

const app = new App();
new MyChart(app, 'shop', { namespace: 'shop' });
app.synth();
