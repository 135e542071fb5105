import { App, Chart } from 'cdk8s';
import { AllowFrom, Peer, Port, Select, SynthLint } from '../../lib';

/**
 * One policy, three protocols: TCP 80, UDP 53 and SCTP 3010 from 10.0.0.0/8. Each port entry
 * names its protocol; an allow for one protocol never opens another.
 */
export function build(app: App): void {
  // The pods live in 100.64.0.0/16, outside 10.0.0.0/8 (see corporate-vpn).
  SynthLint.configure(app, { podCidrs: ['100.64.0.0/16'] });
  const chart = new Chart(app, 'multi-protocol', { namespace: 'custom' });

  new AllowFrom(chart, 'custom-app-protocols', {
    to: Select.pods({ app: 'custom-app' }),
    from: [Peer.ipBlock('10.0.0.0/8')],
    ports: [Port.tcp(80), Port.udp(53), Port.sctp(3010)],
  });
}
