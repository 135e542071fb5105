import { describe, expect, test } from 'vitest';
import { buildWorkspace } from '../../lib/cli/workspace';
import { runLint } from '../../lib/lint';

// policy-without-effect compares policies read from manifests by the shape of their written spec
// (once per pair of shapes). Whatever the text, the verdict is the model's: equal policies are
// equal however they are written, and a spec whose JSON form loses a value (`.nan` prints as
// null) never shares a shape with one that differs.
function withoutEffect(specs: { [name: string]: string }): string[] {
  const text = Object.entries(specs)
    .map(([name, spec]) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n${spec}`)
    .join('---\n');
  const ws = buildWorkspace([{ file: 'p.yaml', text }]);
  return runLint({ policies: ws.policies }, { only: ['policy-without-effect'] }).issues
    .map((i) => `${i.object} <- ${i.message.split(' ')[0]}`);
}

const FROM_WEB = '  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: web}}\n';

describe('policy-without-effect by written shape', () => {
  test.each([
    {
      what: 'two equal specs: the later is reported, naming the first',
      specs: { a: FROM_WEB, b: FROM_WEB },
      expected: ['NetworkPolicy shop/b <- shop/a'],
    },
    {
      what: 'equal specs written in another key order are still equal',
      specs: { a: FROM_WEB, b: '  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: web}}\n  podSelector: {matchLabels: {app: api}}\n' },
      expected: ['NetworkPolicy shop/b <- shop/a'],
    },
    {
      what: 'a rule on every port contains one on a port',
      specs: { a: `${FROM_WEB}    ports: [{port: 8080}]\n`, b: FROM_WEB },
      expected: ['NetworkPolicy shop/a <- shop/b'],
    },
    {
      what: '`port: .nan` (printed as null by JSON) is not `port: null` (every port)',
      specs: { a: `${FROM_WEB}    ports: [{port: .nan}]\n`, b: `${FROM_WEB}    ports: [{port: null}]\n` },
      expected: ['NetworkPolicy shop/a <- shop/b'],
    },
  ])('$what', ({ specs, expected }) => {
    expect(withoutEffect(specs)).toEqual(expected);
  });
});
