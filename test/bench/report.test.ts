import { expect, test } from 'vitest';
import { formatTable, targets } from '../../bench/report';

// `npm run bench` itself is never part of `npm test`; its judgement of the figures is.

const results = {
  machine: { cpus: 2, cpuModel: 'test', memoryGB: 24, node: 'v20', platform: 'linux/x64' },
  settings: { loadAverageAtStart: [0, 0, 0], loadAverageAtEnd: [0, 0, 0], reps: 5, plusManyReps: 1, memory: 'GNU time max RSS' },
  synth: {
    oneChart: { ours: { seconds: 1.2, peakMB: 190, runs: [1] }, plus: { seconds: 2, peakMB: 300, runs: [1] }, raw: { seconds: 1, peakMB: 170, runs: [1] }, ratioVsRaw: 1.2, ratioVsPlus: 0.6 },
    manyCharts: { ours: { seconds: 3, peakMB: 170, runs: [1] }, plus: { seconds: 40, peakMB: 400, runs: [1] }, raw: { seconds: 3, peakMB: 150, runs: [1] }, ratioVsRaw: 1, ratioVsPlus: 0.075 },
    smallApp: { policies: 12, command: 'ts-node main.ts', ours: { seconds: 3.3, peakMB: 190, runs: [1] }, plus: { seconds: 3, peakMB: 200, runs: [1] }, ratioVsPlus: 1.1, cpuRatioVsPlus: 0.98 },
  },
  analysis: {
    pods5000: { pods: 5000, policies: 1000, seconds: 0.14, readSeconds: 0.07, matrixSeconds: 0.07, processSeconds: 0.36, peakMB: 128, classes: 1002 },
    pods100000: { seconds: 3.5, peakMB: 450 },
  },
  connections: { pods5000: { seconds: 1.25 } },
  check: { policies1000: { seconds: 1.2, peakMB: 105, exitCode: 0, via: 'bin/netpol (build/)' }, policies110000: { seconds: 9.5 } },
  graph: { workloads2000: { seconds: 7 } },
};

test('each target reads its key path and is judged against its limit', () => {
  expect(targets(results).map((t) => [t.value, t.limit, t.met])).toEqual([
    [1.2, '<= 1.15', false],
    [0.6, '<= 0.75', true],
    [0.075, '<= 0.15', true],
    [1.1, '<= 1.1', true],
    [0.14, '< 2 s', true],
    [128, '< 1024 MB', true],
    [1.2, '<= 1 s', false],
    [3.5, '<= 3 s', false],
    [450, '<= 1536 MB', true],
    [1.25, '<= 2 s', true],
    [9.5, '<= 10 s', true],
    [7, '<= 3 s', false],
  ]);
});

test('a suite that did not run is "not run", not a pass', () => {
  expect(targets({ check: results.check }).map((t) => t.met)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, false, undefined, undefined, undefined, true, undefined]);
  expect(formatTable({ machine: results.machine, settings: results.settings })).toMatch(/synth, one chart: ours \/ raw ApiObject\s+-\s+<= 1.15\s+not run/);
});

test('the small cdk8s init app alone (--only smallapp) is shown without the 10,000-policy synth', () => {
  const table = formatTable({ machine: results.machine, settings: results.settings, synth: { smallApp: results.synth.smallApp } });
  expect(table).toMatch(/small cdk8s init app: ours \/ cdk8s-plus \(CPU time: 0\.98\)\s+1\.10/);
  expect(table).toMatch(/synth, small cdk8s init app \(ts-node\): ours \/ cdk8s-plus\s+1\.100\s+<= 1.1\s+yes/);
  expect(table).not.toMatch(/one chart: cdk8s-netpol/);
});

test('the table shows the ratios with three decimals, so a value at the limit is not misread', () => {
  const r = { ...results, synth: { ...results.synth, oneChart: { ...results.synth.oneChart, ratioVsPlus: 0.7526 } } };
  expect(formatTable(r)).toMatch(/synth, one chart: ours \/ cdk8s-plus\s+0\.753\s+<= 0.75\s+NO/);
});
