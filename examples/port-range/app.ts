import { App, Chart } from 'cdk8s';
import { AllowFrom, Peer, Port, Select } from '../../lib';

/**
 * Prometheus may scrape the monitoring agents on any port from 9090 to 9100 inclusive
 * (`port: 9090, endPort: 9100`; endPort needs Kubernetes 1.25+ and a plugin that supports it).
 */
export function build(app: App): void {
  const chart = new Chart(app, 'port-range', { namespace: 'observability' });

  new AllowFrom(chart, 'metrics-port-range', {
    to: Select.pods({ app: 'monitoring' }),
    from: [Peer.pods({ app: 'prometheus' }).inNamespace('monitoring')],
    ports: [Port.tcpRange(9090, 9100)],
  });
}
