import { App, Chart } from 'cdk8s';
import { AllowDns, AllowFrom, DatabaseTier, DefaultDeny, Peer, Port, Select } from '../../lib';

/** The README's 5-minute tour, kept compiling and synthesizing (test/examples/readme.test.ts). */
export function build(app: App): void {
  const chart = new Chart(app, 'payments', { namespace: 'payments' });

  // 1. Zero trust: nothing in, nothing out, for every pod of the namespace.
  new DefaultDeny(chart, 'default-deny');

  // 2. ...except DNS: UDP and TCP 53 to the kube-dns pods of kube-system.
  new AllowDns(chart, 'dns');

  // 3. The API accepts TCP 8080 from two kinds of client.
  new AllowFrom(chart, 'frontend-to-api', {
    to: Select.pods({ app: 'api-server' }),
    from: [
      Peer.pods({ app: 'frontend' }).inNamespace('web'), // AND: app=frontend pods in namespace web
      Peer.pods({ app: 'prometheus' }).inNamespace('monitoring'), // OR: a second entry
    ],
    ports: [Port.tcp(8080)],
  });

  // 4. Postgres: only pods labelled needs-db=true get in, on 5432; it dials nothing out.
  new DatabaseTier(chart, 'postgres', {
    database: Select.pods({ app: 'postgres' }),
    clients: [Peer.pods({ 'needs-db': 'true' })],
    port: Port.POSTGRES,
  });
}
