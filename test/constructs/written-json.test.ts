import { App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { AllowFrom, NetworkPolicy, Peer, Port, Select, SynthLint } from '../../lib';
import { policySpec } from '../property/arb-model';
import { fuzzParams, fuzzTimeout } from '../property/fuzz-settings';

// PolicyObject.toJson writes its spec without passing it through cdk8s' resolvers when only the
// built-in ones are there (they change nothing in plain JSON). These tests hold the short way to
// the output of the long one, which an App with a resolver of its own always takes.

/** Resolves nothing: its presence alone makes cdk8s (and us) take the general path. */
const passThrough: IResolver = { resolve: () => undefined };

/** The same policies synthesized by an App with only the built-in resolvers, and by one with another. */
function bothWays(build: (chart: Chart) => void): { fast: string; general: string } {
  const write = (app: App) => {
    SynthLint.configure(app, { enabled: false });
    build(new Chart(app, 'c', { namespace: 'shop', labels: { team: 'payments' } }));
    // Key order matters: cdk8s writes YAML in object key order.
    return JSON.stringify(app.synthYaml());
  };
  return { fast: write(Testing.app()), general: write(new App({ resolvers: [passThrough] })) };
}

describe('policy JSON written without the resolvers', () => {
  afterEach(() => {
    delete process.env.CDK8S_DISABLE_SORT;
  });

  test.each([
    ['keys sorted, as cdk8s writes them by default', undefined, 150],
    ['CDK8S_DISABLE_SORT set: keys in the order they were rendered', '1', 50],
  ])('equals what the resolvers produce for random valid models (%s)', (_what, disableSort, runs) => {
    if (disableSort) process.env.CDK8S_DISABLE_SORT = disableSort;
    fc.assert(
      fc.property(policySpec, (spec) => {
        const { fast, general } = bothWays((chart) => NetworkPolicy.fromSpec(chart, 'p', spec));
        expect(fast).toEqual(general);
      }),
      fuzzParams(runs),
    );
  }, fuzzTimeout(20_000));

  test('keeps labels and annotations added to the metadata after construction, Lazy ones resolved', () => {
    const { fast, general } = bothWays((chart) => {
      const p = new AllowFrom(chart, 'api', { to: Select.pods({ app: 'api' }), from: [Peer.pods({ app: 'web' })], ports: [Port.tcp(8080)] });
      p.metadata.addLabel('tier', 'backend');
      p.metadata.addAnnotation('owner', Lazy.any({ produce: () => 'team-a' }) as unknown as string);
      p.suppressLint('dns-egress-missing', 'ingress only');
    });
    expect(fast).toEqual(general);
    expect(fast).toContain('owner: team-a');
    expect(fast).toContain('tier: backend');
  });

  test('JSON patches still apply to the spec', () => {
    const app = Testing.app();
    SynthLint.configure(app, { enabled: false });
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    const p = new AllowFrom(chart, 'api', { to: Select.pods({ app: 'api' }), from: [Peer.pods({ app: 'web' })] });
    p.addJsonPatch(JsonPatch.add('/spec/podSelector/matchLabels/version', 'v2'));
    expect(Testing.synth(chart)[0].spec.podSelector.matchLabels).toEqual({ app: 'api', version: 'v2' });
  });

  test("an App's own resolver sees every value of the spec", () => {
    const seen: string[] = [];
    const upper: IResolver = {
      resolve: (context: ResolutionContext) => {
        if (context.value === 'web') {
          seen.push(context.key.join('.'));
          context.replaceValue('WEB');
        }
      },
    };
    const app = new App({ resolvers: [upper] });
    SynthLint.configure(app, { enabled: false });
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    new AllowFrom(chart, 'api', { to: Select.pods({ app: 'api' }), from: [Peer.pods({ app: 'web' })] });
    const [policy] = Testing.synth(chart);
    expect(policy.spec.ingress[0].from[0].podSelector.matchLabels.app).toBe('WEB');
    expect(seen).toEqual(['spec.ingress.0.from.0.podSelector.matchLabels.app']);
  });
});
