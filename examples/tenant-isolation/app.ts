import { App, Chart } from 'cdk8s';
import { AllowDns, AllowFrom, AllowTo, DefaultDeny, Peer, Port, Select, SynthLint } from '../../lib';

/** The tenants, each in its own namespace. */
export const TENANTS = ['a', 'b'];

/**
 * Two tenants that cannot reach each other. Each tenant namespace gets the same set of
 * policies (same names: names are unique per namespace):
 *
 * - default deny both ways, DNS allowed
 * - pods talk only to pods of their own namespace (ingress and egress)
 * - the tenant's frontend accepts HTTP (80) from the corporate network 10.0.0.0/8
 *
 * Nothing names the other tenant, so nothing lets it in: policies only ever add allowances.
 */
export function build(app: App): void {
  // Isolation holds because the pods live in 100.64.0.0/16: were the pod CIDR inside 10.0.0.0/8,
  // the corporate ipBlock would let tenant b's pods into tenant a's frontend. Lint checks it.
  SynthLint.configure(app, { podCidrs: ['100.64.0.0/16'] });
  for (const tenant of TENANTS) {
    const chart = new Chart(app, `tenant-${tenant}`, { namespace: `tenant-${tenant}`, labels: { tenant } });

    new DefaultDeny(chart, 'default-deny');
    new AllowDns(chart, 'dns');

    new AllowFrom(chart, 'same-tenant-ingress', { to: Select.allPods(), from: [Peer.sameNamespace()] });
    new AllowTo(chart, 'same-tenant-egress', { from: Select.allPods(), to: [Peer.sameNamespace()] });

    new AllowFrom(chart, 'corporate-to-frontend', {
      to: Select.pods({ tier: 'frontend' }),
      from: [Peer.ipBlock('10.0.0.0/8')],
      ports: [Port.HTTP],
    });
  }
}
