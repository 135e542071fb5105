import { Analyzer, ConnectionSet, Verdict } from '../../analysis';
import { unanalyzedPeerNotesForPair } from '../../analysis/explain-connection-notes';
import { escapeControlChars } from '../../model/untrusted-text';
import { formatConnectionsText } from '../format/connections-explain';
import { safeJson } from '../format/json';
import { formatVerdictText } from '../format/verdict-text';
import { parsePortArg } from '../parse-args';
import { CommandContext, EXIT, UsageError } from './context';
import { readInputs, reportReadProblems } from './read-inputs';

/** Options of `netpol explain`. */
export interface ExplainOptions {
  readonly from?: string;
  readonly to?: string;
  readonly port?: string;
  readonly format: string;
  readonly namespace?: string;
  /** `--assume`: files of workloads deployed elsewhere. */
  readonly assume?: string[];
}

/** The verdict for one connection and the policies and rules that decided it. */
export async function runExplain(files: string[], opts: ExplainOptions, ctx: CommandContext): Promise<number> {
  if (!['text', 'json'].includes(opts.format)) throw new UsageError(`--format ${JSON.stringify(opts.format)}: use text or json`);
  for (const o of ['from', 'to'] as const) {
    if (!opts[o]) throw new UsageError(`netpol explain: --${o} is required (e.g. --from web/frontend --to payments/api --port 8080/TCP)`);
  }
  const { port, protocol } = opts.port === undefined ? { port: undefined, protocol: undefined } : parsePortArg(opts.port);
  const { ws, notes } = await readInputs(files, ctx, 'explain', false, opts.namespace, opts.assume ?? []);
  reportReadProblems(notes, ctx);
  if (ws.unusable) {
    ctx.io.stderr('netpol explain: some input could not be read (see above); fix it or leave it out\n');
    return EXIT.UNUSABLE;
  }
  // Cluster policies are known by `Kind/name` (docs/cluster-network-policy.md), NetworkPolicies by `namespace/name`.
  const sources = new Map([...ws.policies.map((p) => [p.spec.id, p.source] as const), ...ws.clusterPolicies.map((p) => [p.spec.id, p.source] as const)]);
  const locate = (policy: string, field: string) => {
    const src = sources.get(policy);
    if (!src?.file) return undefined;
    const line = src.locate?.(field) ?? src.line;
    return line !== undefined ? `${src.file}:${line}` : src.file;
  };
  const analyzer = Analyzer.of(ws.cluster);
  if (port === undefined) {
    // Without a port: every connection the pair allows, part by part.
    let pair;
    try {
      pair = analyzer.connections(opts.from!, opts.to!);
    } catch (e) {
      throw new UsageError(withAssumeHint((e as Error).message));
    }
    // docs/cluster-network-policy.md rule 8: peers the analyzer cannot match are named, as with --port.
    const notes = unanalyzedPeerNotesForPair(ws.cluster, opts.from!, opts.to!, pair);
    ctx.io.stdout(opts.format === 'json'
      ? safeJson({ ...pair, text: pair.connections.toString(), notes }, setsAsJson) + '\n'
      : formatConnectionsText(pair, ctx.style, locate) + notes.map((n) => `  ${ctx.style.dim('note:')} ${escapeControlChars(n)}\n`).join(''));
    return EXIT.OK;
  }
  let verdicts: Verdict[];
  try {
    // A Service's ClusterIP gives one verdict per backend pod or workload (rule 36).
    verdicts = analyzer.explainAll(opts.from!, opts.to!, port, protocol);
  } catch (e) {
    throw new UsageError(withAssumeHint((e as Error).message));
  }
  if (opts.format === 'json') {
    ctx.io.stdout(safeJson(verdicts.length === 1 ? verdicts[0] : verdicts) + '\n');
  } else {
    ctx.io.stdout(verdicts.map((v) => formatVerdictText(v, ctx.style, locate)).join('\n'));
  }
  return EXIT.OK;
}

/** JSON.stringify replacer: connection sets inside sides and rules as their JSON form. */
function setsAsJson(_key: string, value: unknown): unknown {
  return value instanceof ConnectionSet ? value.toJson() : value;
}

/** An unknown endpoint may be one the input leaves out: say how to add it. */
function withAssumeHint(message: string): string {
  return message.startsWith('unknown endpoint') ? `${message}, or give its manifest with --assume FILE` : message;
}
