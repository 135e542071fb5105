import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { generateCluster } from './cluster-generator';
import { median, runProcess } from './measure';

// The three benchmark suites. Every measurement is a whole separate process; each suite returns
// plain numbers for bench/run.ts to print and to write as JSON.

export const ROOT = join(__dirname, '..');
const TSX = ['--import', 'tsx'];

export interface Options {
  readonly reps: number;
  /** Runs of cdk8s-plus over 1,000 charts (about 2 minutes each on 2 cores). */
  readonly plusManyReps: number;
  /** Time limit of one synth run; a run stopped there is reported as at least this long. */
  readonly timeoutSeconds: number;
  readonly log: (line: string) => void;
}

export interface Measured {
  readonly seconds: number;
  readonly peakMB: number;
  readonly runs: number[];
  /** Runs stopped at the time limit: `seconds` is then a lower bound. */
  readonly timedOut?: boolean;
}

function scratchDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `netpol-bench-${name}-`));
}

/** The runs of one measurement, taken one at a time (so that measurements can take turns). */
class Series {
  private readonly runs: number[] = [];
  private readonly peaks: number[] = [];
  private timedOut = false;

  public constructor(private readonly label: string, private readonly reps: number, private readonly log: Options['log']) {}

  /** All runs taken, or one stopped at the time limit (repeating it would only burn more time). */
  public get done(): boolean {
    return this.timedOut || this.runs.length >= this.reps;
  }

  public add(r: { seconds: number; peakMB: number; timedOut?: boolean }): void {
    this.runs.push(round(r.seconds));
    if (r.timedOut) {
      this.timedOut = true;
      this.log(`  ${this.label}: run ${this.runs.length}/${this.reps} stopped at the ${r.seconds.toFixed(0)} s limit`);
      return;
    }
    this.peaks.push(r.peakMB);
    this.log(`  ${this.label}: run ${this.runs.length}/${this.reps} ${r.seconds.toFixed(2)} s, ${r.peakMB.toFixed(0)} MB`);
  }

  public result(): Measured {
    if (this.timedOut) return { seconds: this.runs[this.runs.length - 1], peakMB: 0, runs: this.runs, timedOut: true };
    return { seconds: round(median(this.runs)), peakMB: round(median(this.peaks), 1), runs: this.runs };
  }
}

function measure(label: string, reps: number, log: Options['log'], once: (rep: number) => { seconds: number; peakMB: number; timedOut?: boolean }): Measured {
  const series = new Series(label, reps, log);
  for (let rep = 0; !series.done; rep++) series.add(once(rep));
  return series.result();
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------
// Synthesis: ours vs cdk8s-plus-28 vs raw ApiObjects.

const VARIANTS = ['ours', 'plus', 'raw'] as const;
type Variant = (typeof VARIANTS)[number];

function synthOnce(variant: Variant, charts: number, policies: number, timeoutSeconds = 900): { seconds: number; peakMB: number; written: number; timedOut: boolean } {
  const out = scratchDir(`synth-${variant}`);
  try {
    const r = runProcess(process.execPath, [...TSX, join('bench', 'synth', `${variant}.ts`), String(charts), String(policies), out], { cwd: ROOT, timeoutSeconds });
    if (r.timedOut) return { seconds: r.seconds, peakMB: 0, written: 0, timedOut: true };
    const written = readdirSync(out).reduce((n, f) => n + (readFileSync(join(out, f), 'utf8').match(/^kind: NetworkPolicy$/gm)?.length ?? 0), 0);
    if (written !== policies) throw new Error(`${variant} wrote ${written} NetworkPolicies, expected ${policies}`);
    return { seconds: r.seconds, peakMB: r.peakMB, written, timedOut: false };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function synthSuite(opts: Options): { [key: string]: unknown } {
  // Warm tsx's transform cache so that no variant pays for the first compilation.
  for (const v of VARIANTS) synthOnce(v, 2, 20);
  const result: { [key: string]: unknown } = {};
  for (const [key, charts] of [['oneChart', 1], ['manyCharts', 1000]] as const) {
    opts.log(`synth ${key}: 10,000 NetworkPolicies in ${charts} chart(s)`);
    // The variants take turns, run by run, so that a machine getting slower or faster during the
    // suite weighs on all three alike: the ratios are what pipelines track.
    const series = Object.fromEntries(VARIANTS.map((v) => [v, new Series(v, v === 'plus' && charts > 1 ? opts.plusManyReps : opts.reps, opts.log)])) as Record<Variant, Series>;
    while (VARIANTS.some((v) => !series[v].done)) {
      for (const v of VARIANTS) if (!series[v].done) series[v].add(synthOnce(v, charts, 10_000, opts.timeoutSeconds));
    }
    const m = Object.fromEntries(VARIANTS.map((v) => [v, series[v].result()])) as Record<Variant, Measured>;
    result[key] = {
      policies: 10_000,
      charts,
      ours: m.ours,
      plus: m.plus,
      raw: m.raw,
      ratioVsRaw: round(m.ours.seconds / m.raw.seconds),
      ratioVsPlus: round(m.ours.seconds / m.plus.seconds),
      memoryRatioVsPlus: m.ours.timedOut || m.plus.timedOut ? null : round(m.ours.peakMB / m.plus.peakMB),
      // A ratio involving a run stopped at the time limit is a bound, not a measurement.
      ...(m.ours.timedOut || m.plus.timedOut || m.raw.timedOut
        ? { note: `runs stopped at the ${opts.timeoutSeconds} s limit: ${VARIANTS.filter((v) => m[v].timedOut).join(', ')}; ratios with them are bounds` }
        : {}),
    };
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Analysis of generated clusters: read the objects into a Cluster, compute the matrix on 3 ports.

export const ANALYSIS_SIZES: Array<[number, number]> = [[500, 100], [5000, 1000], [20000, 2000], [100000, 10000]];

export function analysisSuite(opts: Options): { [key: string]: unknown } {
  const result: { [key: string]: unknown } = {};
  for (const [pods, policies] of ANALYSIS_SIZES) {
    opts.log(`analysis: ${pods} pods, ${policies} policies, 3 ports`);
    const reports: Array<{ [key: string]: number }> = [];
    const processSeconds: number[] = [];
    const m = measure(`${pods}x${policies}`, opts.reps, opts.log, () => {
      const r = runProcess(process.execPath, [...TSX, join('bench', 'analysis', 'analyze.ts'), String(pods), String(policies)], { cwd: ROOT });
      reports.push(r.report);
      processSeconds.push(r.seconds);
      return { seconds: r.report.seconds, peakMB: r.peakMB };
    });
    const med = (k: string) => round(median(reports.map((r) => r[k])));
    result[`pods${pods}`] = {
      pods,
      policies,
      ports: 3,
      seconds: m.seconds,
      readSeconds: med('readSeconds'),
      matrixSeconds: med('matrixSeconds'),
      // CPU seconds of the same span: less swayed than wall time by other work on a shared machine.
      cpuSeconds: med('cpuSeconds'),
      processSeconds: round(median(processSeconds)),
      peakMB: m.peakMB,
      endpoints: reports[0].endpoints,
      classes: reports[0].classes,
      runs: m.runs,
    };
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Connection sets (every port) of generated clusters: build the class connection sets, then ask
// every ordered pair of classes.

export function connectionsSuite(opts: Options): { [key: string]: unknown } {
  const [pods, policies] = [5000, 1000];
  opts.log(`connections: ${pods} pods, ${policies} policies, every port, every pair of classes`);
  const reports: Array<{ [key: string]: number }> = [];
  const m = measure(`connections ${pods}x${policies}`, opts.reps, opts.log, () => {
    const r = runProcess(process.execPath, [...TSX, join('bench', 'connections', 'analyze.ts'), String(pods), String(policies)], { cwd: ROOT });
    reports.push(r.report);
    return { seconds: r.report.seconds, peakMB: r.peakMB };
  });
  const med = (k: string) => round(median(reports.map((r) => r[k])));
  return {
    [`pods${pods}`]: {
      pods, policies, seconds: m.seconds, buildSeconds: med('buildSeconds'), pairsSeconds: med('pairsSeconds'), peakMB: m.peakMB,
      classes: reports[0].classes, classPairs: reports[0].classPairs, runs: m.runs,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// `netpol check` on 1,000 policies: the installed command, Node start-up included.

/** The netpol command: bin/netpol over build/ when compiled, else lib/cli through tsx. */
function netpolCommand(): { args: string[]; via: string; note?: string } {
  const built = join(ROOT, 'build', 'cli', 'index.js');
  if (!existsSync(built)) {
    return { args: [...TSX, join('bench', 'check', 'netpol-from-source.ts')], via: 'lib/cli through tsx', note: 'build/ missing: run `npx projen compile` to time bin/netpol itself' };
  }
  const newestSource = Math.max(...listTs(join(ROOT, 'lib')).map((f) => statSync(f).mtimeMs));
  const stale = statSync(built).mtimeMs < newestSource;
  return { args: [join('bin', 'netpol')], via: 'bin/netpol (build/)', note: stale ? 'build/ is older than lib/: run `npx projen compile` first for current figures' : undefined };
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listTs(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Writes the Namespaces and `policies` generated policies as one multi-document YAML file. */
function writePolicies(dir: string, policies: number): string {
  const g = generateCluster(5000, policies);
  const file = join(dir, `policies-${policies}.yaml`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, [...g.namespaces, ...g.policies].map((o) => stringify(o)).join('---\n'));
  return file;
}

// A Node process that only reads the file and parses it with `yaml`: the floor `netpol check`
// is measured against (check.policies1000.ratioVsParse), so the ratio means the same on any machine.
const PARSE_ONLY = "const{parseAllDocuments}=require('yaml');const d=parseAllDocuments(require('fs').readFileSync(process.argv[1],'utf8'));process.stdout.write(String(d.length)+'\\n')";

export function checkSuite(opts: Options): { [key: string]: unknown } {
  const dir = scratchDir('check');
  // The 110,000-policy export is about 39 MB, over netpol's default 32 MB input limit.
  const env = { ...process.env, NETPOL_MAX_INPUT_MB: '64' };
  try {
    const cmd = netpolCommand();
    const result: { [key: string]: unknown } = {};
    for (const policies of [1000, 110_000]) {
      const file = writePolicies(dir, policies);
      opts.log(`check: netpol check on ${policies} policies via ${cmd.via}${cmd.note ? ` (${cmd.note})` : ''}`);
      let exitCode = -1;
      // Warm-up run (disk cache), not counted.
      if (policies === 1000) runProcess(process.execPath, [...cmd.args, 'check', file], { cwd: ROOT, allowedExitCodes: [0, 1], env });
      // The parse-only process takes turns with netpol check, run by run, as the synth variants do.
      const check = new Series(`netpol check ${policies}`, opts.reps, opts.log);
      const parse = new Series(`yaml parse only ${policies}`, opts.reps, opts.log);
      while (!check.done || !parse.done) {
        if (!check.done) {
          const r = runProcess(process.execPath, [...cmd.args, 'check', file], { cwd: ROOT, allowedExitCodes: [0, 1], env, timeoutSeconds: opts.timeoutSeconds });
          exitCode = r.exitCode;
          check.add(r);
        }
        if (!parse.done) parse.add(runProcess(process.execPath, ['-e', PARSE_ONLY, file], { cwd: ROOT, env }));
      }
      const m = check.result();
      const p = parse.result();
      result[`policies${policies}`] = {
        policies, seconds: m.seconds, peakMB: m.peakMB, runs: m.runs, exitCode, via: cmd.via,
        parseOnlySeconds: p.seconds, ratioVsParse: round(m.seconds / p.seconds),
        ...(m.timedOut ? { timedOut: true } : {}),
        ...(cmd.note ? { note: cmd.note } : {}),
      };
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
