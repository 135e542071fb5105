import { Analyzer, Endpoint, EndpointKind, Matrix } from '../../analysis';
import { Workspace } from '../workspace';
import { parseIp } from '../../model/validation';
import { writeMatrixCsv } from '../format/matrix-csv';
import { writeMatrixJson } from '../format/matrix-json';
import { writeMatrixMarkdown } from '../format/matrix-markdown';
import { writeMatrixText } from '../format/matrix-text';
import { parsePortArg } from '../parse-args';
import { CommandContext, EXIT, UsageError } from './context';
import { readInputs, reportReadProblems } from './read-inputs';

/** Options of `netpol matrix`. */
export interface MatrixCommandOptions {
  readonly port: string[];
  readonly external: string[];
  /** `--external-ranges`: one endpoint per range of outside addresses the policies distinguish. */
  readonly externalRanges?: boolean;
  readonly format: string;
  readonly namespace?: string;
  /** `--assume`: files of workloads deployed elsewhere. */
  readonly assume?: string[];
  /** `--assume-pod namespace:labels`: pods assumed by labels. */
  readonly assumePod?: string[];
}

/** Every ordered pair of endpoints on every port, as a grid, JSON, CSV or Markdown. */
export async function runMatrix(files: string[], opts: MatrixCommandOptions, ctx: CommandContext): Promise<number> {
  const computed = await computeMatrix(files, opts, ctx, 'matrix');
  if (!computed) return EXIT.UNUSABLE;
  const matrix = computed.matrix;
  // Written in chunks as computed: the whole text of a large matrix exceeds what a string holds.
  const write = (text: string) => ctx.io.stdout(text);
  ({
    text: () => writeMatrixText(matrix, ctx.style, write),
    json: () => writeMatrixJson(matrix, write),
    csv: () => writeMatrixCsv(matrix, write),
    markdown: () => writeMatrixMarkdown(matrix, write),
  })[opts.format as 'text']();
  return EXIT.OK;
}

/** Shared by `matrix` and `probe`: checks options, reads inputs, computes. Undefined when the input is unusable. */
export async function computeMatrix(files: string[], opts: MatrixCommandOptions, ctx: CommandContext, command: string): Promise<{ matrix: Matrix; ws: Workspace } | undefined> {
  const formats = command === 'matrix' ? ['text', 'json', 'csv', 'markdown'] : ['bash'];
  if (!formats.includes(opts.format)) throw new UsageError(`--format ${JSON.stringify(opts.format)}: use ${formats.join(', ')}`);
  if (opts.port.length === 0) throw new UsageError(`netpol ${command}: give at least one --port, e.g. --port 80/TCP --port 53/UDP`);
  const ports = opts.port.map((p) => parsePortArg(p));
  for (const ip of opts.external) {
    if (!parseIp(ip)) throw new UsageError(`--external ${JSON.stringify(ip)}: not an IP address (e.g. 203.0.113.7 or 2001:db8::1)`);
  }
  for (const text of opts.assumePod ?? []) {
    try {
      if (Endpoint.parse(text).kind !== EndpointKind.LABELS) throw new Error('write namespace:key=value,...');
    } catch (e) {
      throw new UsageError(`--assume-pod ${JSON.stringify(text)}: ${(e as Error).message} (e.g. --assume-pod shop:app=web)`);
    }
  }
  const { ws, notes } = await readInputs(files, ctx, command, false, opts.namespace, opts.assume ?? []);
  reportReadProblems(notes, ctx);
  if (ws.unusable) {
    ctx.io.stderr(`netpol ${command}: some input could not be read (see above); fix it or leave it out\n`);
    return undefined;
  }
  try {
    return { matrix: Analyzer.of(ws.cluster)._matrix({ ports, externals: opts.external, assumed: opts.assumePod ?? [] }, opts.externalRanges ?? false), ws };
  } catch (e) {
    throw new UsageError((e as Error).message); // e.g. a Service's ClusterIP given as --external
  }
}
