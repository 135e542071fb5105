import { App, Chart } from 'cdk8s';
import { AllowFrom, Peer, Port, Select, SynthLint } from '../../lib';

/**
 * The admin panel is reachable on HTTPS from the corporate network 10.0.0.0/8, except the DMZ
 * subnet 10.99.0.0/16. ipBlock sees addresses after NAT: traffic through a load balancer may
 * arrive from a node address instead.
 */
export function build(app: App): void {
  // This cluster's pods live in 100.64.0.0/16, outside the corporate range, so the block below
  // admits no pod; lint checks ipBlocks against this CIDR (on a pod CIDR inside 10.0.0.0/8, add
  // it to the excepts, or the policy admits every pod of the cluster too).
  SynthLint.configure(app, { podCidrs: ['100.64.0.0/16'] });
  const chart = new Chart(app, 'corporate-vpn', { namespace: 'payments' });

  new AllowFrom(chart, 'corporate-vpn', {
    to: Select.pods({ app: 'admin-panel' }),
    from: [Peer.ipBlock('10.0.0.0/8', '10.99.0.0/16')],
    ports: [Port.HTTPS],
  });
}
