import { Analyzer } from '../../analysis';
import { RowWriter, csvWriter, jsonWriter, markdownWriter, textWriter } from '../format/connections';
import { CommandContext, EXIT, UsageError } from './context';
import { readInputs, reportReadProblems } from './read-inputs';

/** Options of `netpol connections`. */
export interface ConnectionsOptions {
  readonly format: string;
  readonly from?: string;
  readonly to?: string;
  /** Leave out pairs with nothing allowed. */
  readonly allowedOnly: boolean;
  readonly namespace?: string;
}

/**
 * What every endpoint may open to every other, exactly: per ordered pair, the set of protocols
 * and ports (ranges, named ports resolved per destination), with outside addresses split into the
 * ranges the policies distinguish.
 */
export async function runConnections(files: string[], opts: ConnectionsOptions, ctx: CommandContext): Promise<number> {
  const writers: { [format: string]: () => RowWriter } = {
    text: () => textWriter(ctx.io.stdout, ctx.style),
    json: () => jsonWriter(ctx.io.stdout),
    csv: () => csvWriter(ctx.io.stdout),
    markdown: () => markdownWriter(ctx.io.stdout),
  };
  if (!writers[opts.format]) throw new UsageError(`--format ${JSON.stringify(opts.format)}: use text, json, csv or markdown`);
  const { ws, notes } = await readInputs(files, ctx, 'connections', false, opts.namespace);
  reportReadProblems(notes, ctx);
  if (ws.unusable) {
    ctx.io.stderr('netpol connections: some input could not be read (see above); fix it or leave it out\n');
    return EXIT.UNUSABLE;
  }
  const matrix = Analyzer.of(ws.cluster).connectionMatrix();
  // Endpoint names as the matrix spells them, so `--from 10.0.0.7` selects that address's range.
  const pick = (given: string | undefined, flag: string) => {
    if (given === undefined) return undefined;
    try {
      return matrix.endpoints[matrix._indexOf(given)];
    } catch (e) {
      throw new UsageError(`--${flag}: ${(e as Error).message}`);
    }
  };
  const from = pick(opts.from, 'from');
  const to = pick(opts.to, 'to');
  const writer = writers[opts.format]();
  if (from !== undefined && to !== undefined) {
    writer.row({ from, to, connections: matrix.between(from, to) });
  } else {
    matrix._forEachPair((f, t, connections) => {
      if ((from !== undefined && f !== from) || (to !== undefined && t !== to)) return;
      if (opts.allowedOnly && connections.isEmpty()) return;
      writer.row({ from: f, to: t, connections });
    });
  }
  writer.end();
  return EXIT.OK;
}
