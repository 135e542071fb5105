import { App, Chart, Testing } from 'cdk8s';
import { ClusterPolicyChannel, Dialect, Targets } from '../../../lib';

/** A test App and a namespaced chart (CNPs must ignore its namespace), with the targets given. */
export function cluster(channel: ClusterPolicyChannel | 'none' = ClusterPolicyChannel.STANDARD): { app: App; chart: Chart } {
  const app = Testing.app();
  if (channel !== 'none') Targets.of(app).support(Dialect.CLUSTER_NETWORK_POLICY, { channel });
  return { app, chart: new Chart(app, 'guardrails', { namespace: 'platform' }) };
}

/** The synth errors of a chart, one per line (empty when it synthesizes). */
export function synthErrors(chart: Chart): string[] {
  try {
    Testing.synth(chart);
    return [];
  } catch (e) {
    return (e as Error).message.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('['));
  }
}

/** The synthesized objects of a chart by metadata.name. */
export function byName(chart: Chart): Map<string, any> {
  return new Map(Testing.synth(chart).map((o: any) => [o.metadata.name, o]));
}
