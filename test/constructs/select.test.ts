import { describe, expect, test } from 'vitest';
import { LabelSelector, SelectorOperator } from '../../lib';
import { Select } from '../../lib/constructs';

describe('Select', () => {
  test.each([
    ['pods', () => Select.pods({ app: 'api', tier: 'backend' }), { matchLabels: { app: 'api', tier: 'backend' } }, 'pods app=api,tier=backend'],
    ['podsMatching', () => Select.podsMatching(LabelSelector.expressions({ key: 'tier', operator: SelectorOperator.IN, values: ['a', 'b'] })),
      { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }, 'pods tier in (a,b)'],
    ['allPods', () => Select.allPods(), {}, 'all pods'],
    ['podsMatching(everything) is all pods, on purpose', () => Select.podsMatching(LabelSelector.everything()), {}, 'all pods'],
  ])('%s renders its podSelector', (_name, make, json, text) => {
    // WHEN
    const select = make();
    // THEN
    expect(select.selector.toJson()).toEqual(json);
    expect(select.toString()).toBe(text);
    expect(select.isAllPods).toBe(Object.keys(json).length === 0);
  });

  test('an empty label map never means "all pods" by accident', () => {
    expect(() => Select.pods({})).toThrow(/empty label map would select every pod.*Select\.allPods\(\)/);
  });

  test('invalid labels are rejected in the factory, quoting the value', () => {
    expect(() => Select.pods({ app: 'not valid!' })).toThrow(/"not valid!"/);
  });

  test('a lazy selection is resolved each time it is read', () => {
    // GIVEN a selection whose labels change after it is made (as a workload's may)
    let labels: { [key: string]: string } = { app: 'v1' };
    const select = Select._lazy('workload web', () => LabelSelector.labels(labels));
    // WHEN
    labels = { app: 'v2' };
    // THEN
    expect(select.selector.toJson()).toEqual({ matchLabels: { app: 'v2' } });
    expect(select.toString()).toBe('workload web');
  });
});
