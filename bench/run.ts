import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEMORY_SOURCE } from './measure';
import { formatTable, targets } from './report';
import { Options, ROOT, analysisSuite, checkSuite, connectionsSuite, synthSuite } from './suites';
import { graphSuite } from './graph/suite';
import { smallAppSuite } from './synth/small-app';

// `npm run bench` (never part of `npm test`). Prints a readable table and writes the figures to
// bench/out/results.json; with --json prints only that JSON object on stdout.
//   --json               one JSON object on stdout (progress goes to stderr)
//   --quick              3 runs per measurement instead of 5
//   --reps N             runs per measurement (median reported)
//   --plus-many-reps N   runs of cdk8s-plus over 1,000 charts (default 1: about 2 minutes each)
//   --timeout S          time limit of one synth run in seconds (default 900); a stopped run
//                        is reported as at least that long
//   --only a,b           suites to run: synth, smallapp, analysis, connections, check, graph
//                        (synth includes smallapp, the `cdk8s init` app of synth.smallApp)

const USAGE = 'usage: npm run bench -- [--json] [--quick] [--reps N] [--plus-many-reps N] [--timeout S] [--only synth,smallapp,analysis,connections,check,graph]';

function parseArgs(argv: string[]): { json: boolean; reps: number; plusManyReps: number; timeoutSeconds: number; only: string[] } {
  const out = { json: false, reps: 5, plusManyReps: 1, timeoutSeconds: 900, only: ['synth', 'analysis', 'connections', 'check', 'graph'] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    const count = (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a}: expected a positive integer, got ${JSON.stringify(v)}\n${USAGE}`);
      return n;
    };
    if (a === '--json') out.json = true;
    else if (a === '--quick') out.reps = 3;
    else if (a === '--reps') out.reps = count(next());
    else if (a === '--plus-many-reps') out.plusManyReps = count(next());
    else if (a === '--timeout') out.timeoutSeconds = count(next());
    else if (a === '--only') out.only = next().split(',');
    else throw new Error(`unknown option ${JSON.stringify(a)}\n${USAGE}`);
  }
  return out;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const opts: Options = { reps: args.reps, plusManyReps: args.plusManyReps, timeoutSeconds: args.timeoutSeconds, log };
  const results: { [key: string]: unknown } = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}/${process.arch}` },
    settings: { loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100), reps: args.reps, plusManyReps: args.plusManyReps, timeoutSeconds: args.timeoutSeconds, memory: MEMORY_SOURCE, date: new Date().toISOString() },
  };
  if (args.only.includes('synth')) results.synth = synthSuite(opts);
  if (args.only.includes('synth') || args.only.includes('smallapp')) results.synth = { ...(results.synth as object | undefined), smallApp: smallAppSuite(opts) };
  if (args.only.includes('analysis')) results.analysis = analysisSuite(opts);
  if (args.only.includes('connections')) results.connections = connectionsSuite(opts);
  if (args.only.includes('check')) results.check = checkSuite(opts);
  if (args.only.includes('graph')) results.graph = graphSuite(opts);

  (results.settings as { [key: string]: unknown }).loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  results.targets = Object.fromEntries(targets(results).map((t) => [t.name, { value: t.value ?? null, target: t.limit, met: t.met ?? null }]));
  const outDir = join(ROOT, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  if (args.json) process.stdout.write(`${JSON.stringify(results)}\n`);
  else process.stdout.write(`${formatTable(results)}\nJSON written to bench/out/results.json\n`);
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
