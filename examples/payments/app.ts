import { App, Chart } from 'cdk8s';
import { AllowDns, AllowFrom, AllowTo, DefaultDeny, NetworkPolicy, Peer, Port, Rule, Select } from '../../lib';

/**
 * The payments namespace, zero trust: nothing moves unless a policy below allows it.
 *
 * - default deny, both directions, every pod
 * - DNS for every pod (UDP and TCP 53 to kube-dns in kube-system)
 * - payments-frontend -> payments-backend on TCP 8080 (one peer: namespace AND pod labels)
 * - Prometheus (monitoring namespace) may scrape every pod on 9090 and 8080
 * - postgres accepts only pods labelled needs-db=true on 5432; its own policy allows it no egress (DNS comes from AllowDns)
 * - the backend reaches Stripe (one address, 443), postgres (5432) and redis (6379)
 */
export function build(app: App): void {
  const chart = new Chart(app, 'payments', { namespace: 'payments' });

  new DefaultDeny(chart, 'default-deny');
  new AllowDns(chart, 'dns');

  const frontend = { app: 'payments-frontend' };
  const backend = { app: 'payments-backend' };

  // Ingress to the backend and the matching egress from the frontend: both ends must allow it.
  new AllowFrom(chart, 'frontend-to-backend', {
    to: Select.pods(backend),
    from: [Peer.pods(frontend).inNamespace('payments')],
    ports: [Port.tcp(8080)],
  });
  new AllowTo(chart, 'frontend-egress-to-backend', {
    from: Select.pods(frontend),
    to: [Peer.pods(backend)],
    ports: [Port.tcp(8080)],
  });

  new AllowFrom(chart, 'prometheus-scrape', {
    to: Select.allPods(),
    from: [Peer.pods({ app: 'prometheus' }).inNamespace('monitoring')],
    ports: [Port.tcp(9090), Port.tcp(8080)],
  });

  // Ingress from labelled clients only; `egress: []` isolates egress with no rule: nothing out.
  new NetworkPolicy(chart, 'postgres-allow-app', {
    podSelector: Select.pods({ app: 'postgres' }),
    ingress: [Rule.allow({ peers: [Peer.pods({ 'needs-db': 'true' })], ports: [Port.POSTGRES] })],
    egress: [],
  });

  new AllowTo(chart, 'backend-to-stripe', {
    from: Select.pods(backend),
    to: [Peer.ip('54.187.174.169')],
    ports: [Port.HTTPS],
  });

  // Two rules, so postgres is reachable on 5432 only and redis on 6379 only.
  new NetworkPolicy(chart, 'backend-to-data-stores', {
    podSelector: Select.pods(backend),
    egress: [
      Rule.allow({ peers: [Peer.pods({ app: 'postgres' })], ports: [Port.POSTGRES] }),
      Rule.allow({ peers: [Peer.pods({ app: 'redis' })], ports: [Port.REDIS] }),
    ],
  });
  // ...and redis lets the backend in: the default deny closes its ingress too (lint: flow-half-open).
  new AllowFrom(chart, 'redis-from-backend', { to: Select.pods({ app: 'redis' }), from: [Peer.pods(backend)], ports: [Port.REDIS] });
}
