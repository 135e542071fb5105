// The small app of `synth.smallApp` with cdk8s-netpol: a dozen of our constructs in a chart, as a
// user writes them in main.ts of `cdk8s init typescript-app` (bench/synth/small-app.ts lays the
// app out and imports this package by name, as an installed app resolves it).
import { Construct } from 'constructs';
import { App, Chart, ChartProps } from 'cdk8s';
import { AllowDns, AllowFrom, AllowTo, DefaultDeny, Peer, Port, Select } from 'cdk8s-netpol';

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = { }) {
    super(scope, id, props);
    const web = Select.pods({ app: 'web' });
    const api = Select.pods({ app: 'api' });
    const db = Select.pods({ app: 'db' });
    const cache = Select.pods({ app: 'cache' });

    new DefaultDeny(this, 'default-deny');
    new AllowDns(this, 'dns');
    new AllowFrom(this, 'ingress-to-web', { to: web, from: [Peer.namespace('ingress-nginx')], ports: [Port.tcp(8080)] });
    new AllowFrom(this, 'web-to-api', { to: api, from: [Peer.pods({ app: 'web' })], ports: [Port.tcp(8080)] });
    new AllowTo(this, 'web-egress', { from: web, to: [Peer.pods({ app: 'api' })], ports: [Port.tcp(8080)] });
    new AllowFrom(this, 'api-to-db', { to: db, from: [Peer.pods({ app: 'api' })], ports: [Port.tcp(5432)] });
    new AllowTo(this, 'api-egress-db', { from: api, to: [Peer.pods({ app: 'db' })], ports: [Port.tcp(5432)] });
    new AllowFrom(this, 'api-to-cache', { to: cache, from: [Peer.pods({ app: 'api' })], ports: [Port.tcp(6379)] });
    new AllowTo(this, 'api-egress-cache', { from: api, to: [Peer.pods({ app: 'cache' })], ports: [Port.tcp(6379)] });
    new AllowFrom(this, 'scrape', { to: Select.allPods(), from: [Peer.pods({ app: 'prometheus' }).inNamespace('monitoring')], ports: [Port.tcp(9090)] });
    new AllowTo(this, 'api-egress-payments', { from: api, to: [Peer.ipBlock('203.0.113.0/24')], ports: [Port.tcp(443)] });
    new AllowFrom(this, 'db-from-backup', { to: db, from: [Peer.pods({ app: 'backup' }).inNamespace('ops')], ports: [Port.tcp(5432)] });
  }
}

const app = new App();
new MyChart(app, 'shop', { namespace: 'shop' });
app.synth();
