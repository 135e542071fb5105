import { buildTrafficGraph, formatGraphDot, formatGraphHtml, formatGraphMermaid } from '../../graph';
import { runLint } from '../../lint';
import { parseDnsArg, parsePodCidrs, parsePortArg } from '../parse-args';
import { CommandContext, EXIT, UsageError } from './context';
import { readInputs, reportReadProblems } from './read-inputs';

/** Options of `netpol graph`. */
export interface GraphCommandOptions {
  readonly format: string;
  readonly port: string[];
  readonly podCidr: string[];
  /** `--dns`: where the cluster DNS runs. */
  readonly dns?: string;
}

/**
 * The allowed-traffic graph between the workloads of the inputs: Mermaid, Graphviz dot, or one
 * self-contained HTML page with the graph, the reachability matrix and the lint findings.
 */
export async function runGraph(files: string[], opts: GraphCommandOptions, ctx: CommandContext): Promise<number> {
  if (!['mermaid', 'dot', 'html'].includes(opts.format)) throw new UsageError(`--format ${JSON.stringify(opts.format)}: use mermaid, dot or html`);
  const ports = opts.port.map((p) => parsePortArg(p));
  const podCidrs = parsePodCidrs(opts.podCidr);
  const dns = parseDnsArg(opts.dns);
  const { ws, notes } = await readInputs(files, ctx, 'graph');
  reportReadProblems(notes, ctx);
  if (ws.unusable) {
    ctx.io.stderr('netpol graph: some input could not be read (see above); fix it or leave it out\n');
    return EXIT.UNUSABLE;
  }
  if (ws.pods.length === 0) {
    ctx.io.stderr('netpol graph: no Pod or workload (Deployment, StatefulSet, ...) in the input, so there is nothing to draw; '
      + 'add the workloads\' manifests next to the policies\n');
    return EXIT.UNUSABLE;
  }
  const graph = buildTrafficGraph(ws.cluster, { ports });
  if (opts.format === 'mermaid') ctx.io.stdout(formatGraphMermaid(graph));
  else if (opts.format === 'dot') ctx.io.stdout(formatGraphDot(graph));
  else {
    const lint = runLint({ policies: ws.policies, clusterPolicies: ws.clusterPolicies, namespaces: ws.namespaces, pods: ws.pods }, { podCidrs, dns });
    ctx.io.stdout(formatGraphHtml(graph, {
      issues: lint.issues,
      subtitle: `${files.join(', ')} · netpol ${ctx.version}`,
    }));
  }
  return EXIT.OK;
}
