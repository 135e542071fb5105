import { App, Chart } from 'cdk8s';
// The compiled package, as an app loads it from node_modules (`npm run bench` compiles first).
import { AllowFrom, Peer, Port, Select } from '../../build';
import { chartNamespace, policiesInChart, reportChild, synthArgs } from './workload';

// Synthesis by cdk8s-netpol's constructs: one AllowFrom per policy, linted at synth time as
// every app is (SynthLint's defaults).
const args = synthArgs();
const app = new App({ outdir: args.outdir });
let n = 0;
for (let c = 0; c < args.charts; c++) {
  const chart = new Chart(app, `chart-${c}`, { namespace: chartNamespace(c, args.charts) });
  const frontend = Peer.pods({ app: 'frontend' }).inNamespace('web');
  for (let i = 0; i < policiesInChart(c, args); i++, n++) {
    new AllowFrom(chart, `svc-${n}`, { to: Select.pods({ app: `svc-${n}` }), from: [frontend], ports: [Port.tcp(8080)] });
  }
}
app.synth();
reportChild({ policies: n });
