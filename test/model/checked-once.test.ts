import { expect, test } from 'vitest';
import { LabelSelector, Port } from '../../lib/model';

// Validation results of immutable values are kept only when there is nothing to report.

test('a value with problems reports them every time, under the field asked for', () => {
  const bad = LabelSelector._fromJson({ matchLabels: { 'bad key': 'x' } });
  expect(bad.validate('a').map((i) => i.field)).toEqual(['a.matchLabels']);
  expect(bad.validate('b').map((i) => i.field)).toEqual(['b.matchLabels']);
});

test('a valid value stays valid', () => {
  const ok = Port.tcp(8080);
  expect(ok.validate('spec.ingress[0].ports[0]')).toEqual([]);
  expect(ok.validate('spec.egress[3].ports[1]')).toEqual([]);
});
