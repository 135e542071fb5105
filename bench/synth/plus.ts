import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { chartNamespace, policiesInChart, reportChild, synthArgs } from './workload';

// Synthesis by cdk8s-plus-28's NetworkPolicy: selector, peer and namespace selector are each
// constructs, as that library requires.
const args = synthArgs();
const app = new App({ outdir: args.outdir });
let n = 0;
for (let c = 0; c < args.charts; c++) {
  const chart = new Chart(app, `chart-${c}`, { namespace: chartNamespace(c, args.charts) });
  for (let i = 0; i < policiesInChart(c, args); i++, n++) {
    const web = kplus.Namespaces.select(chart, `ns-${n}`, { names: ['web'] });
    new kplus.NetworkPolicy(chart, `svc-${n}`, {
      metadata: { name: `allow-svc-${n}` },
      selector: kplus.Pods.select(chart, `target-${n}`, { labels: { app: `svc-${n}` } }),
      ingress: {
        rules: [{
          peer: kplus.Pods.select(chart, `peer-${n}`, { labels: { app: 'frontend' }, namespaces: web }),
          ports: [kplus.NetworkPolicyPort.tcp(8080)],
        }],
      },
    });
  }
}
app.synth();
reportChild({ policies: n });
