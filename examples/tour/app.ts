import { App, Chart } from 'cdk8s';
import { AllowDns, AllowFlow, AllowFrom, DatabaseTier, DefaultDeny, FlowSides, Peer, Port, Select } from '../../lib';

/**
 * The README's 5-minute tour, kept compiling and synthesizing (test/examples/readme.test.ts) and
 * opening the flows it claims (test/examples/tour-reachability.test.ts).
 */
export function build(app: App): void {
  const payments = new Chart(app, 'payments', { namespace: 'payments' });
  const web = new Chart(app, 'web', { namespace: 'web' });

  // 1. Zero trust: nothing in, nothing out, for every pod of both namespaces.
  // 2. ...except DNS: UDP and TCP 53 to the kube-dns pods of kube-system.
  for (const chart of [payments, web]) {
    new DefaultDeny(chart, 'default-deny');
    new AllowDns(chart, 'dns');
  }

  // 3. The frontend calls the API on TCP 8080. Both ends are closed by step 1, so open both:
  //    the API's ingress here, the frontend's egress in web's chart.
  new AllowFlow(payments, 'frontend-to-api', {
    from: Select.pods({ app: 'frontend' }),
    fromNamespace: 'web',
    to: Select.pods({ app: 'api-server' }),
    ports: [Port.tcp(8080)],
  });

  // 4. Prometheus scrapes the API from monitoring, which this app does not isolate: its egress
  //    is open, so the API's side is enough.
  new AllowFrom(payments, 'prometheus-to-api', {
    to: Select.pods({ app: 'api-server' }),
    from: [Peer.pods({ app: 'prometheus' }).inNamespace('monitoring')], // AND: one entry
    ports: [Port.tcp(8080)],
  });

  // 5. Postgres: only the API gets in, on 5432, and FlowSides.BOTH opens the API's egress to it.
  //    This policy allows postgres no egress; step 2 still lets it resolve names.
  new DatabaseTier(payments, 'postgres', {
    database: Select.pods({ app: 'postgres' }),
    clients: [Peer.pods({ app: 'api-server' })],
    port: Port.POSTGRES,
    sides: FlowSides.BOTH,
  });
}
