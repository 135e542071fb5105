// The policy every synth benchmark writes, the same for all three implementations: policy i lets
// pods app=frontend in namespace web reach pods app=svc-<i> on TCP 8080.
//   one chart:   10,000 policies in one chart (namespace bench)
//   many charts: the same 10,000 spread over 1,000 charts of 10 (namespace bench-<chart>)

export interface SynthArgs {
  readonly charts: number;
  readonly policies: number;
  readonly outdir: string;
}

/** Reads `<charts> <policies> <outdir>` from argv. */
export function synthArgs(argv: string[] = process.argv.slice(2)): SynthArgs {
  const [charts, policies, outdir] = argv;
  if (!charts || !policies || !outdir) throw new Error('usage: <charts> <policies> <outdir>');
  return { charts: Number(charts), policies: Number(policies), outdir };
}

/** The namespace of chart `c` of `charts`. */
export function chartNamespace(c: number, charts: number): string {
  return charts === 1 ? 'bench' : `bench-${c}`;
}

/** How many policies chart `c` holds. */
export function policiesInChart(c: number, args: SynthArgs): number {
  const base = Math.floor(args.policies / args.charts);
  return c < args.policies % args.charts ? base + 1 : base;
}

/** Reported by every child on its last stdout line, read by bench/run.ts. */
export function reportChild(extra: { [key: string]: number } = {}): void {
  process.stdout.write(`${JSON.stringify({ maxRssKB: process.resourceUsage().maxRSS, ...extra })}\n`);
}
