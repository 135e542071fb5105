import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, runProcess } from '../measure';

// synth.smallApp: what every user pays on every synth. Two apps laid out as `cdk8s init
// typescript-app` lays them out (main.ts, its tsconfig.json, cdk8s.yaml with `app: npx ts-node
// main.ts`), one with a dozen of our constructs (small-app/ours.ts), the other writing the same
// policies with cdk8s-plus-28 only (small-app/plus.ts). Each run is the whole `ts-node main.ts`
// process the cdk8s CLI starts (ts-node type-checks main.ts and the .d.ts it imports), the two
// apps taking turns; the ratio of the medians is the figure.
//
// The apps resolve their dependencies from node_modules/ as an installed app does: cdk8s,
// constructs, cdk8s-plus-28, ts-node, typescript and @types/node link to this repository's
// node_modules, and cdk8s-netpol links to the repository itself, so `import ... from
// 'cdk8s-netpol'` loads build/ (package.json main and types), compiled by `npm run bench`.

const ROOT = join(__dirname, '..', '..');
const TEMPLATE = join(ROOT, 'test', 'packaging', 'apps', 'cdk8s-app');
const LINKED = ['cdk8s', 'constructs', 'cdk8s-plus-28', 'ts-node', 'typescript', '@types/node'];
export const SMALL_APP_POLICIES = 12;

type Variant = 'ours' | 'plus';

/** Lays out one app in `dir` (main.ts from small-app/<variant>.ts). */
export function makeSmallApp(dir: string, variant: Variant): void {
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  for (const f of ['tsconfig.json', 'cdk8s.yaml']) copyFileSync(join(TEMPLATE, f), join(dir, f));
  copyFileSync(join(__dirname, 'small-app', `${variant}.ts`), join(dir, 'main.ts'));
  const pkg = (name: string) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({
    name: 'app', version: '1.0.0', main: 'main.js', types: 'main.ts', license: 'Apache-2.0', private: true,
    scripts: { synth: 'cdk8s synth', compile: 'tsc --build' },
    dependencies: { 'cdk8s': pkg('cdk8s'), 'cdk8s-plus-28': pkg('cdk8s-plus-28'), 'constructs': pkg('constructs'), 'cdk8s-netpol': `file:${ROOT}` },
    devDependencies: { 'ts-node': pkg('ts-node'), 'typescript': pkg('typescript'), '@types/node': pkg('@types/node') },
  }, null, 2)}\n`);
  for (const name of LINKED) symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  symlinkSync(ROOT, join(dir, 'node_modules', 'cdk8s-netpol'), 'dir');
}

/** One `ts-node main.ts` run of the app in `dir`; checks what it wrote. */
function synthOnce(dir: string): { seconds: number; peakMB: number; cpuSeconds?: number } {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  const r = runProcess(process.execPath, [join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'), 'main.ts'], { cwd: dir });
  const written = readdirSync(join(dir, 'dist')).reduce((n, f) => n + (readFileSync(join(dir, 'dist', f), 'utf8').match(/^kind: NetworkPolicy$/gm)?.length ?? 0), 0);
  if (written !== SMALL_APP_POLICIES) throw new Error(`${dir}: wrote ${written} NetworkPolicies, expected ${SMALL_APP_POLICIES}`);
  return { seconds: r.seconds, peakMB: r.peakMB, cpuSeconds: r.cpuSeconds };
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

export function smallAppSuite(opts: { reps: number; log: (line: string) => void }): { [key: string]: unknown } {
  if (!existsSync(join(ROOT, 'build', 'index.d.ts'))) throw new Error('build/ missing: run `npx projen compile` first');
  const scratch = mkdtempSync(join(tmpdir(), 'netpol-bench-small-app-'));
  try {
    const dirs = { ours: join(scratch, 'ours'), plus: join(scratch, 'plus') };
    for (const v of ['ours', 'plus'] as const) makeSmallApp(dirs[v], v);
    opts.log(`synth smallApp: ts-node main.ts, ${SMALL_APP_POLICIES} policies, cdk8s-netpol vs cdk8s-plus-28`);
    // Warm-up (disk cache), not counted; then the apps take turns, run by run.
    for (const v of ['ours', 'plus'] as const) synthOnce(dirs[v]);
    const runs: Record<Variant, number[]> = { ours: [], plus: [] };
    const peaks: Record<Variant, number[]> = { ours: [], plus: [] };
    const cpu: Record<Variant, number[]> = { ours: [], plus: [] };
    for (let rep = 0; rep < opts.reps; rep++) {
      for (const v of ['ours', 'plus'] as const) {
        const r = synthOnce(dirs[v]);
        runs[v].push(round(r.seconds));
        peaks[v].push(r.peakMB);
        if (r.cpuSeconds !== undefined) cpu[v].push(round(r.cpuSeconds));
        opts.log(`  smallApp ${v}: run ${rep + 1}/${opts.reps} ${r.seconds.toFixed(2)} s${r.cpuSeconds !== undefined ? ` (CPU ${r.cpuSeconds.toFixed(2)} s)` : ''}, ${r.peakMB.toFixed(0)} MB`);
      }
    }
    const m = (v: Variant) => ({
      seconds: round(median(runs[v])), peakMB: round(median(peaks[v]), 1), runs: runs[v],
      ...(cpu[v].length > 0 ? { cpuSeconds: round(median(cpu[v])) } : {}),
    });
    const ours = m('ours');
    const plus = m('plus');
    return {
      policies: SMALL_APP_POLICIES, command: 'ts-node main.ts', ours, plus, ratioVsPlus: round(ours.seconds / plus.seconds),
      // The same ratio in CPU time (user + system): what the runs cost, whatever else the machine was doing.
      ...(ours.cpuSeconds !== undefined && plus.cpuSeconds !== undefined ? { cpuRatioVsPlus: round(ours.cpuSeconds / plus.cpuSeconds) } : {}),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
