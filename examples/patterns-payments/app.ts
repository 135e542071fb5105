import { App, Chart } from 'cdk8s';
import { AllowFrom, AllowFromIngressController, AllowTo, DatabaseTier, NamespaceBaseline, Peer, Port, Select } from '../../lib';

/** The seeds' payments namespace, rebuilt from patterns: the same flows, written as intent. */
export function build(app: App): Chart {
  const chart = new Chart(app, 'payments', { namespace: 'payments' });
  const frontend = { app: 'payments-frontend' };
  const backend = { app: 'payments-backend' };
  const http = [Port.tcp(8080)];

  // Deny both ways, DNS for every pod, Prometheus scrapes pods that opt in, on 9090 and 8080.
  new NamespaceBaseline(chart, 'baseline', { monitoring: { ports: [Port.tcp(9090), Port.tcp(8080)] } });

  // The frontend is published through ingress-nginx, and calls the backend on 8080.
  new AllowFromIngressController(chart, 'frontend-from-gateway', { backends: Select.pods(frontend), ports: http });
  new AllowFrom(chart, 'frontend-to-backend', { to: Select.pods(backend), from: [Peer.pods(frontend).inNamespace('payments')], ports: http });
  new AllowTo(chart, 'frontend-egress-to-backend', { from: Select.pods(frontend), to: [Peer.pods(backend)], ports: http });

  // postgres and redis accept only pods labelled needs-db=true, and send nothing (but the baseline DNS).
  new DatabaseTier(chart, 'postgres', { database: Select.pods({ app: 'postgres' }) });
  new DatabaseTier(chart, 'redis', { database: Select.pods({ app: 'redis' }), port: Port.REDIS });

  // The backend reaches postgres on 5432, redis on 6379 and Stripe on 443: nothing else.
  new AllowTo(chart, 'backend-to-postgres', { from: Select.pods(backend), to: [Peer.pods({ app: 'postgres' })], ports: [Port.POSTGRES] });
  new AllowTo(chart, 'backend-to-redis', { from: Select.pods(backend), to: [Peer.pods({ app: 'redis' })], ports: [Port.REDIS] });
  new AllowTo(chart, 'backend-to-stripe', { from: Select.pods(backend), to: [Peer.ip('54.187.174.169')], ports: [Port.HTTPS] });
  return chart;
}
