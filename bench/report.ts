// The readable table of `npm run bench`, and the targets of issue 7 checked against the figures.

type Json = { [key: string]: any };

export interface Target {
  readonly name: string;
  readonly value: number | undefined;
  readonly limit: string;
  readonly met: boolean | undefined;
}

/** The targets, read from the results (undefined where the suite did not run). */
export function targets(r: Json): Target[] {
  const t = (name: string, value: number | undefined, op: '<=' | '<', limit: number, unit = ''): Target => ({
    name,
    value,
    limit: `${op} ${limit}${unit}`,
    met: value === undefined ? undefined : op === '<=' ? value <= limit : value < limit,
  });
  return [
    t('synth, one chart: ours / raw ApiObject', r.synth?.oneChart?.ratioVsRaw, '<=', 1.15),
    t('synth, one chart: ours / cdk8s-plus', r.synth?.oneChart?.ratioVsPlus, '<=', 0.75),
    t('synth, 1,000 charts: ours / cdk8s-plus', r.synth?.manyCharts?.ratioVsPlus, '<=', 0.15),
    t('synth, small cdk8s init app (ts-node): ours / cdk8s-plus', r.synth?.smallApp?.ratioVsPlus, '<=', 1.1),
    t('analysis 5,000 pods x 1,000 policies: time', r.analysis?.pods5000?.seconds, '<', 2, ' s'),
    t('analysis 5,000 pods x 1,000 policies: memory', r.analysis?.pods5000?.peakMB, '<', 1024, ' MB'),
    t('netpol check, 1,000 policies (with Node start)', r.check?.policies1000?.seconds, '<=', 1, ' s'),
    // Issue 16.
    t('analysis 100,000 pods x 10,000 policies: time', r.analysis?.pods100000?.seconds, '<=', 3, ' s'),
    t('analysis 100,000 pods x 10,000 policies: memory', r.analysis?.pods100000?.peakMB, '<=', 1536, ' MB'),
    t('connection sets 5,000 pods x 1,000 policies: time', r.connections?.pods5000?.seconds, '<=', 2, ' s'),
    t('netpol check, 110,000 policies', r.check?.policies110000?.seconds, '<=', 10, ' s'),
    t('netpol graph --format html, 2,000 workloads', r.graph?.workloads2000?.seconds, '<=', 3, ' s'),
  ];
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const s = (x: number | undefined, d = 2) => (x === undefined ? '-' : x.toFixed(d));

export function formatTable(r: Json): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGB} GB, Node ${m.node}, ${m.platform}`);
  out.push(`Load average (1/5/15 min) at start ${r.settings.loadAverageAtStart.join(' ')}, at end ${r.settings.loadAverageAtEnd.join(' ')}: other work on the machine inflates every figure`);
  out.push(`Medians of ${r.settings.reps} runs (cdk8s-plus over 1,000 charts: ${r.settings.plusManyReps} run(s), 30 s to 2 minutes each); memory = ${r.settings.memory}\n`);
  if (r.synth) {
    out.push('Synthesis of 10,000 NetworkPolicies, whole process (Node start, module loading, synth, YAML written)');
    const rows: string[][] = [];
    const notes: string[] = [];
    for (const [key, label] of [['oneChart', 'one chart'], ['manyCharts', '1,000 charts']]) {
      const x = r.synth[key];
      if (!x) continue; // --only smallapp
      for (const v of ['ours', 'plus', 'raw']) {
        const name = { ours: 'cdk8s-netpol', plus: 'cdk8s-plus-28 NetworkPolicy', raw: 'raw cdk8s ApiObject' }[v]!;
        const time = x[v].timedOut ? `>= ${s(x[v].seconds, 0)}` : s(x[v].seconds);
        rows.push([`${label}: ${name}`, time, x[v].timedOut ? '-' : s(x[v].peakMB, 0), String(x[v].runs.length)]);
      }
      const bound = x.ours.timedOut ? '>= ' : '';
      rows.push([`${label}: ours / raw`, `${bound}${s(x.ratioVsRaw)}`, '', '']);
      rows.push([`${label}: ours / cdk8s-plus`, `${x.plus.timedOut && !x.ours.timedOut ? '<= ' : bound}${s(x.ratioVsPlus)}`, '', '']);
      if (x.note) notes.push(`${label}: ${x.note}`);
    }
    const a = r.synth.smallApp;
    if (a) {
      rows.push([`small cdk8s init app (${a.policies} policies, ${a.command}): cdk8s-netpol`, s(a.ours.seconds), s(a.ours.peakMB, 0), String(a.ours.runs.length)]);
      rows.push([`small cdk8s init app: cdk8s-plus-28 only`, s(a.plus.seconds), s(a.plus.peakMB, 0), String(a.plus.runs.length)]);
      rows.push([`small cdk8s init app: ours / cdk8s-plus${a.cpuRatioVsPlus !== undefined ? ` (CPU time: ${s(a.cpuRatioVsPlus)})` : ''}`, s(a.ratioVsPlus), '', '']);
    }
    out.push(table(['', 'seconds', 'peak MB', 'runs'], rows), ...notes, '');
  }
  if (r.analysis) {
    out.push('Analysis: read objects into a Cluster, then the full matrix on 3 ports (in-process time; process time includes Node start and generating the input)');
    const rows = Object.values(r.analysis as Json).map((a: Json) => [
      `${a.pods} pods x ${a.policies} policies`, s(a.readSeconds), s(a.matrixSeconds), s(a.seconds), s(a.processSeconds), s(a.peakMB, 0), String(a.classes),
    ]);
    out.push(table(['', 'read s', 'matrix s', 'total s', 'process s', 'peak MB', 'classes'], rows), '');
  }
  if (r.connections) {
    const c = r.connections.pods5000;
    out.push(`Connection sets, ${c.pods} pods x ${c.policies} policies, every port: build ${s(c.buildSeconds)} s + ${c.classPairs} class pairs ${s(c.pairsSeconds)} s = ${s(c.seconds)} s, ${s(c.peakMB, 0)} MB\n`);
  }
  if (r.check) {
    for (const c of Object.values(r.check as Json) as Json[]) {
      out.push(`netpol check on ${c.policies} policies via ${c.via}: ${s(c.seconds)} s wall (Node start included), ${s(c.peakMB, 0)} MB, exit ${c.exitCode}; yaml parse only ${s(c.parseOnlySeconds)} s, ratio ${s(c.ratioVsParse)}${c.note ? `\n  note: ${c.note}` : ''}`);
    }
    out.push('');
  }
  out.push('Targets (issues 7 and 16)');
  out.push(table(['', 'value', 'target', 'met'], targets(r).map((t) => [t.name, s(t.value, 3), t.limit, t.met === undefined ? 'not run' : t.met ? 'yes' : 'NO'])));
  return out.join('\n');
}
