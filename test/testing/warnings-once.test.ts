import { App, Chart, Testing } from 'cdk8s';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { AllowDns, DefaultDeny, Reachability } from '../../lib';

// Synth-time lint warnings are printed once per App: `Reachability.of` after every change of the
// App, fromChart and app.synth() all lint it again, and each warning still appears once.

let warnings: string[];
beforeEach(() => {
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => { warnings.push(args.join(' ')); });
});
afterEach(() => vi.restoreAllMocks());

function app(): { app: App; chart: Chart } {
  const a = Testing.app();
  const chart = new Chart(a, 'p', { namespace: 'p' });
  new DefaultDeny(chart, 'deny');
  return { app: a, chart };
}

const DNS_MISSING = /^\[p\/deny\] warning dns-egress-missing: /;

test('eight Reachability.of calls on one App, constructs added between them: the warning once', () => {
  const { app: a, chart } = app();
  for (let i = 0; i < 8; i++) {
    new DefaultDeny(chart, `deny-${i}`);
    Reachability.of(a);
  }
  Reachability.fromChart(chart);
  a.synth();
  expect(warnings.filter((w) => DNS_MISSING.test(w))).toHaveLength(1);
  // Each new finding is printed once too: one per redundant deny added.
  expect(warnings.filter((w) => /warning policy-without-effect/.test(w))).toHaveLength(8);
  expect(new Set(warnings).size).toBe(warnings.length);
});

test('each App prints its own warnings', () => {
  for (let i = 0; i < 3; i++) Reachability.of(app().app);
  expect(warnings.filter((w) => DNS_MISSING.test(w))).toHaveLength(3);
});

test('a warning that goes away and the App is linted again prints nothing more', () => {
  const { app: a, chart } = app();
  Reachability.of(a);
  new AllowDns(chart, 'dns');
  Reachability.of(a);
  expect(warnings.filter((w) => DNS_MISSING.test(w))).toHaveLength(1);
  expect(warnings).toHaveLength(1);
});
