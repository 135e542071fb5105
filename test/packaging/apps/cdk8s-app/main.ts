// A cdk8s app as `cdk8s init typescript-app` lays it out, using cdk8s-netpol from its tarball
// (scripts/packaging-check.sh installs it, and swaps cdk8s-plus-33 for cdk8s-plus-28 in a second app).
import { Construct } from 'constructs';
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { AllowFrom, AllowTo, NamespaceBaseline, Peer, Port } from 'cdk8s-netpol';

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = { }) {
    super(scope, id, props);

    const container = { image: 'nginx', portNumber: 8080, securityContext: { ensureNonRoot: false } };
    const web = new kplus.Deployment(this, 'web', { containers: [container] });
    const api = new kplus.Deployment(this, 'api', { containers: [container] });
    const db = new kplus.StatefulSet(this, 'db', { containers: [{ ...container, portNumber: 5432 }] });

    new NamespaceBaseline(this, 'baseline'); // default deny, and DNS egress for every pod
    // cdk8s-plus workloads stand directly for their pods, as target (`to:`/`from:`) and as peers.
    new AllowFrom(this, 'web-to-api', { to: api, from: [web], ports: [Port.tcp(8080)] });
    new AllowTo(this, 'web-egress', { from: web, to: [api], ports: [Port.tcp(8080)] });
    new AllowFrom(this, 'api-to-db', { to: db, from: [api], ports: [Port.POSTGRES] });
    new AllowTo(this, 'api-egress', { from: api, to: [db], ports: [Port.POSTGRES] });
    // Our own peers mix with them.
    new AllowFrom(this, 'ingress-to-web', { to: web, from: [Peer.namespace('ingress-nginx')], ports: [Port.tcp(8080)] });
  }
}

const app = new App();
new MyChart(app, 'shop', { namespace: 'shop' });
app.synth();
