import { ApiObject, App, Chart } from 'cdk8s';
import { chartNamespace, policiesInChart, reportChild, synthArgs } from './workload';

// Synthesis by raw cdk8s ApiObjects carrying the same NetworkPolicy JSON: the lower bound for
// anything built on cdk8s.
const args = synthArgs();
const app = new App({ outdir: args.outdir });
let n = 0;
for (let c = 0; c < args.charts; c++) {
  const namespace = chartNamespace(c, args.charts);
  const chart = new Chart(app, `chart-${c}`, { namespace });
  for (let i = 0; i < policiesInChart(c, args); i++, n++) {
    new ApiObject(chart, `svc-${n}`, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `allow-svc-${n}`, namespace },
      spec: {
        podSelector: { matchLabels: { app: `svc-${n}` } },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [{ podSelector: { matchLabels: { app: 'frontend' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } }],
          ports: [{ protocol: 'TCP', port: 8080 }],
        }],
      },
    });
  }
}
app.synth();
reportChild({ policies: n });
