import { MatrixEntry } from '../../analysis';
import { Protocol } from '../../model';
import { escapeControlChars } from '../../model/untrusted-text';
import { ProbeEndpoint, ProbeFlow, ProbeScriptError, formatProbeScript } from '../format/probe-bash';
import { CommandContext, EXIT, UsageError } from './context';
import { computeMatrix } from './matrix';

/** Options of `netpol probe`. */
export interface ProbeOptions {
  readonly port: string[];
  readonly external: string[];
  readonly maxFlows: string;
  readonly timeout: string;
  readonly canary: boolean;
  readonly image: string;
  readonly namespace?: string;
}

/**
 * Prints a bash script that checks a sample of allowed AND denied TCP flows of the matrix against
 * a live cluster, plus a canary proving the plugin enforces policies at all. A name, namespace,
 * label or image the API server would refuse is refused here too: nothing is written (exit 2).
 */
export async function runProbe(files: string[], opts: ProbeOptions, ctx: CommandContext): Promise<number> {
  const max = Number(opts.maxFlows);
  const timeout = Number(opts.timeout);
  if (!Number.isInteger(max) || max < 1) throw new UsageError(`--max-flows ${JSON.stringify(opts.maxFlows)}: use a whole number of at least 1`);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 60) throw new UsageError(`--timeout ${JSON.stringify(opts.timeout)}: use whole seconds from 1 to 60`);
  const computed = await computeMatrix(files, { port: opts.port, external: opts.external, format: 'bash', namespace: opts.namespace }, ctx, 'probe');
  if (!computed) return EXIT.UNUSABLE;
  const { matrix, ws } = computed;
  // A script run against a live cluster must test the cluster the input describes: objects the
  // API server would reject (left out of the analysis) mean that is not this input.
  if (ws.issues.some((i) => i.code === 'read-object-invalid')) {
    ctx.io.stderr('netpol probe: the API server would reject some objects (see above), so no script is written; fix or remove them\n');
    return EXIT.UNUSABLE;
  }
  const endpoint = (id: string): ProbeEndpoint | undefined => {
    if (id.startsWith('ip:')) return { kind: 'IP', namespace: '', name: id.slice(3), selector: '' };
    const [ns, name] = splitId(id);
    const w = ws.cluster.findWorkload(ns, name);
    if (!w) return undefined;
    const labels = w.labels ?? {};
    const selector = Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
    return { kind: w.kind ?? 'Pod', namespace: ns, name, selector };
  };
  const skipped: string[] = [];
  const nonTcp = matrix.ports.filter((p) => p.protocol !== Protocol.TCP);
  if (nonTcp.length > 0) skipped.push(`${nonTcp.map((p) => `${p.port}/${p.protocol}`).join(', ')}: only TCP can be probed reliably (UDP and SCTP give no handshake)`);
  // A closed port looks exactly like a denied flow, so only ports the destination declares are
  // probed (or any port, when it declares none), and denied flows go first to destination ports
  // that an allowed flow shows to be open.
  const declares = (to: string, port: number) => {
    if (to.startsWith('ip:')) return true;
    const [ns, name] = splitId(to);
    const ports = ws.cluster.findWorkload(ns, name)?.containerPorts ?? [];
    return ports.length === 0 || ports.some((p) => p.port === port && (p.protocol ?? Protocol.TCP) === Protocol.TCP);
  };
  const usable = matrix.entries().filter((e) => e.protocol === Protocol.TCP && !e.from.startsWith('ip:') && declares(e.to, e.port));
  const allowed = sample(usable.filter((x) => x.allowed), max);
  const open = new Set(allowed.map((e) => `${e.to} ${e.port}`));
  const denied = usable.filter((x) => !x.allowed);
  const deniedFirst = [...denied.filter((e) => open.has(`${e.to} ${e.port}`)), ...denied.filter((e) => !open.has(`${e.to} ${e.port}`))];
  const flows: ProbeFlow[] = [];
  for (const [expect, list] of [['allow', allowed], ['deny', sample(deniedFirst, max)]] as const) {
    for (const e of list) {
      const from = endpoint(e.from);
      const to = endpoint(e.to);
      if (!from || !to) continue;
      if (from.kind !== 'Pod' && !from.selector) { skipped.push(`${label(e)}: ${e.from} has no pod template labels to find its pods by`); continue; }
      flows.push({ label: label(e), expect, from, to, port: e.port });
    }
  }
  if (flows.length === 0) ctx.io.stderr('netpol probe: no TCP flow between pods to probe; the script only runs the canary\n');
  let script: string;
  try {
    script = formatProbeScript(flows, { version: ctx.version, sources: files, timeout, canary: opts.canary, image: opts.image, skipped });
  } catch (e) {
    if (!(e instanceof ProbeScriptError)) throw e;
    // The message quotes the values already escaped; its own lines are kept.
    ctx.io.stderr(`netpol probe: ${e.message.split('\n').map(escapeControlChars).join('\n')}\n`);
    return EXIT.UNUSABLE;
  }
  ctx.io.stdout(script);
  return EXIT.OK;
}

/** `namespace/name` split at the first `/` (a namespace holds none). */
function splitId(id: string): [string, string] {
  const slash = id.indexOf('/');
  return [id.slice(0, slash), id.slice(slash + 1)];
}

function label(e: MatrixEntry): string {
  return `${e.from} -> ${e.to} ${e.port}/${e.protocol}`;
}

/**
 * Up to `max` entries, spread over destinations: round-robin over the destinations in endpoint
 * order, taking each destination's sources in order. Deterministic.
 */
function sample(entries: MatrixEntry[], max: number): MatrixEntry[] {
  const byTo = new Map<string, MatrixEntry[]>();
  for (const e of entries) byTo.set(e.to, [...(byTo.get(e.to) ?? []), e]);
  const queues = [...byTo.values()];
  const out: MatrixEntry[] = [];
  for (let round = 0; out.length < max && queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      if (round < q.length && out.length < max) out.push(q[round]);
    }
  }
  return out;
}
