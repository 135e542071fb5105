import { buildTrafficGraph, formatGraphDot, formatGraphHtml, formatGraphMermaid } from '../../graph';
import { runLint } from '../../lint';
import { Endpoint, EndpointKind } from '../../analysis';
import { parseIp } from '../../model/validation';
import { completeNamespaces } from './check';
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
  /** `--external`: external IP addresses to draw. */
  readonly external?: string[];
  /** `--assume`: files of workloads deployed elsewhere. */
  readonly assume?: string[];
  /** `--assume-pod namespace:labels`: pods assumed by labels. */
  readonly assumePod?: string[];
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
  for (const ip of opts.external ?? []) {
    if (!parseIp(ip)) throw new UsageError(`--external ${JSON.stringify(ip)}: not an IP address (e.g. 203.0.113.7 or 2001:db8::1)`);
  }
  for (const text of opts.assumePod ?? []) {
    try {
      if (Endpoint.parse(text).kind !== EndpointKind.LABELS) throw new Error('write namespace:key=value,...');
    } catch (e) {
      throw new UsageError(`--assume-pod ${JSON.stringify(text)}: ${(e as Error).message} (e.g. --assume-pod shop:app=web)`);
    }
  }
  const { ws, notes, assumedFiles } = await readInputs(files, ctx, 'graph', false, undefined, opts.assume ?? []);
  reportReadProblems(notes, ctx);
  if (ws.unusable) {
    ctx.io.stderr('netpol graph: some input could not be read (see above); fix it or leave it out\n');
    return EXIT.UNUSABLE;
  }
  if (ws.pods.length === 0 && (opts.assumePod ?? []).length === 0) {
    ctx.io.stderr('netpol graph: no Pod or workload (Deployment, StatefulSet, ...) in the input, so there is nothing to draw; '
      + 'add the workloads\' manifests next to the policies, or assume them: --assume FILE, --assume-pod shop:app=web\n');
    return EXIT.UNUSABLE;
  }
  const graph = buildTrafficGraph(ws.cluster, { ports, externals: opts.external ?? [], assumed: opts.assumePod ?? [] });
  if (opts.format === 'mermaid') ctx.io.stdout(formatGraphMermaid(graph));
  else if (opts.format === 'dot') ctx.io.stdout(formatGraphDot(graph));
  else {
    // Dead selectors only where the workloads are known complete, as `check` judges them.
    const complete = completeNamespaces(ws, assumedFiles, {});
    const lint = runLint({ policies: ws.policies, clusterPolicies: ws.clusterPolicies, namespaces: ws.namespaces, pods: ws.pods, completeNamespaces: complete.names }, { podCidrs, dns });
    ctx.io.stdout(formatGraphHtml(graph, {
      issues: [...lint.issues, ...(complete.note ? [complete.note] : [])],
      subtitle: `${files.join(', ')} · netpol ${ctx.version}`,
    }));
  }
  return EXIT.OK;
}
