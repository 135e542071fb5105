import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { median, runProcess } from '../measure';
import { generateGraphApp } from './graph-app';

// `netpol graph --format html` of 2,000 workloads in 400 namespaces (graph-app.ts, seed 1): the
// median wall time of whole processes (Node start, reading, analysis, lint, page written).

const ROOT = join(__dirname, '..', '..');
export const GRAPH_WORKLOADS = 2000;
export const GRAPH_NAMESPACES = 400;

/** bin/netpol over build/ when compiled, else lib/cli through tsx (slower to start). */
function netpol(): { args: string[]; via: string } {
  if (existsSync(join(ROOT, 'build', 'cli', 'index.js'))) return { args: [join('bin', 'netpol')], via: 'bin/netpol (build/)' };
  return { args: ['--import', 'tsx', join('bench', 'check', 'netpol-from-source.ts')], via: 'lib/cli through tsx' };
}

export function graphSuite(opts: { reps: number; log: (line: string) => void }): { [key: string]: unknown } {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-bench-graph-'));
  try {
    const file = join(dir, 'app.yaml');
    writeFileSync(file, generateGraphApp(GRAPH_WORKLOADS, GRAPH_NAMESPACES, 1).map((o) => stringify(o)).join('---\n'));
    const cmd = netpol();
    opts.log(`graph: netpol graph --format html, ${GRAPH_WORKLOADS} workloads in ${GRAPH_NAMESPACES} namespaces via ${cmd.via}`);
    const argv = [...cmd.args, 'graph', '--format', 'html', file];
    runProcess(process.execPath, argv, { cwd: ROOT }); // warm-up (disk cache), not counted
    const runs: number[] = [];
    const peaks: number[] = [];
    const cpu: number[] = [];
    let bytes = 0;
    for (let rep = 0; rep < opts.reps; rep++) {
      const r = runProcess(process.execPath, argv, { cwd: ROOT });
      if (!r.stdout.includes('<g class="node')) throw new Error('netpol graph printed no graph');
      bytes = r.stdout.length;
      runs.push(Math.round(r.seconds * 1000) / 1000);
      peaks.push(r.peakMB);
      if (r.cpuSeconds !== undefined) cpu.push(r.cpuSeconds);
      opts.log(`  graph html: run ${rep + 1}/${opts.reps} ${r.seconds.toFixed(2)} s, ${r.peakMB.toFixed(0)} MB`);
    }
    opts.log(`  graph html: median ${median(runs).toFixed(2)} s (target <= 3 s), page ${(bytes / 1e6).toFixed(1)} MB`);
    return {
      workloads2000: {
        workloads: GRAPH_WORKLOADS, namespaces: GRAPH_NAMESPACES, seconds: Math.round(median(runs) * 1000) / 1000,
        peakMB: Math.round(median(peaks) * 10) / 10,
        ...(cpu.length > 0 ? { cpuSeconds: Math.round(median(cpu) * 1000) / 1000 } : {}), pageMB: Math.round(bytes / 1e5) / 10, runs, via: cmd.via,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
