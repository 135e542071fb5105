import { ConnectionDiff } from '../../analysis';
import { formatDiffJson, formatDiffMarkdown, formatDiffText } from '../format/diff';
import { CommandContext, EXIT, UsageError } from './context';
import { readInputs, reportReadProblems } from './read-inputs';

/** Options of `netpol diff`. */
export interface DiffOptions {
  readonly format: string;
  /** Inputs read into both sides (workloads and namespaces the policies are about). */
  readonly with: string[];
  /** `opened`, `closed`, `changed` or `never`. */
  readonly failOn: string;
  readonly namespace?: string;
}

const FAIL_ON = ['never', 'opened', 'closed', 'changed'];

/**
 * The flows that become allowed or denied between BEFORE and AFTER (files, directories or `-`),
 * pair by pair with the exact ports opened and closed.
 */
export async function runDiff(paths: string[], opts: DiffOptions, ctx: CommandContext): Promise<number> {
  if (!['text', 'json', 'markdown'].includes(opts.format)) throw new UsageError(`--format ${JSON.stringify(opts.format)}: use text, json or markdown`);
  if (!FAIL_ON.includes(opts.failOn)) throw new UsageError(`--fail-on ${JSON.stringify(opts.failOn)}: use ${FAIL_ON.join(', ')}`);
  if (paths.length !== 2) {
    throw new UsageError(`netpol diff: give exactly two inputs, BEFORE and AFTER (got ${paths.length}); e.g. netpol diff old/ new/ --with cluster.yaml`);
  }
  if (paths[0] === '-' && paths[1] === '-') throw new UsageError('netpol diff: only one of BEFORE and AFTER can be - (standard input)');
  const sides = [];
  for (const [label, path] of [['BEFORE', paths[0]], ['AFTER', paths[1]]] as const) {
    const { ws, notes } = await readInputs([path, ...opts.with], ctx, 'diff', false, opts.namespace);
    reportReadProblems(notes, ctx);
    if (ws.unusable) {
      ctx.io.stderr(`netpol diff: ${label} (${path}) could not be read (see above); fix it or leave it out\n`);
      return EXIT.UNUSABLE;
    }
    sides.push(ws.cluster);
  }
  const diff = ConnectionDiff.between(sides[0], sides[1]);
  if (diff.isEmpty() && sides[1]._subjects.length === 0) {
    ctx.io.stderr('netpol diff: neither input holds a pod or workload, so no flow can change; add the workloads with --with (e.g. a cluster export)\n');
  }
  const write = { text: () => formatDiffText(diff, ctx.style), json: () => formatDiffJson(diff), markdown: () => formatDiffMarkdown(diff) }[opts.format as 'text'];
  ctx.io.stdout(write());
  const failed = (opts.failOn === 'opened' && diff.opened().length > 0)
    || (opts.failOn === 'closed' && diff.closed().length > 0)
    || (opts.failOn === 'changed' && !diff.isEmpty());
  return failed ? EXIT.FINDINGS : EXIT.OK;
}
