import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { ClusterNetworkPolicy, ClusterPeer, ClusterPolicyAction, ClusterPolicyTier, ClusterSubject } from '../../../lib';
import { fuzzParams, fuzzTimeout } from '../../property/fuzz-settings';
import { cluster, synthErrors } from './helpers';

// Managed priorities on any declaration sequence: within a tier no two policies share a number
// unless both were given it explicitly, managed numbers grow in declaration order and each is
// above every priority declared before it in its tier, and explicit ones are kept.

const declaration = fc.record({
  tier: fc.constantFrom(ClusterPolicyTier.ADMIN, ClusterPolicyTier.BASELINE),
  priority: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined, freq: 3 }),
});

test('managed priorities are distinct, ordered and keep explicit ones', () => {
  fc.assert(fc.property(fc.array(declaration, { minLength: 1, maxLength: 12 }), (declared) => {
    const { chart } = cluster();
    // Disjoint subjects: explicit equal numbers are allowed, so every sequence synthesizes.
    const made = declared.map((d, i) => new ClusterNetworkPolicy(chart, `p${i}`, {
      tier: d.tier, priority: d.priority, subject: ClusterSubject.namespaces(`ns-${i}`),
      ingress: [{ action: ClusterPolicyAction.DENY, peers: [ClusterPeer.allNamespaces()] }],
    }));
    expect(synthErrors(chart)).toEqual([]);
    for (const tier of [ClusterPolicyTier.ADMIN, ClusterPolicyTier.BASELINE]) {
      const inTier = declared.map((d, i) => ({ ...d, got: made[i].priority! })).filter((d) => d.tier === tier);
      const explicit = new Set(inTier.filter((d) => d.priority !== undefined).map((d) => d.priority));
      inTier.forEach((d, i) => {
        if (d.priority !== undefined) { expect(d.got).toBe(d.priority); return; }
        expect(explicit.has(d.got)).toBe(false);
        for (const before of inTier.slice(0, i)) expect(d.got).toBeGreaterThan(before.got);
        for (const after of inTier.slice(i + 1)) if (after.priority === undefined) expect(after.got).not.toBe(d.got);
      });
    }
  }), fuzzParams(60));
}, fuzzTimeout(30_000));
