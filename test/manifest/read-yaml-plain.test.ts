import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { readYaml } from '../../lib/manifest/read-yaml';
import { readPlainYaml } from '../../lib/manifest/read-yaml-plain';
import { jsonPaths } from '../property/clear-error';
import { fuzzParams, fuzzTimeout } from '../property/fuzz-settings';

// The fast reader of plain YAML must read exactly as the `yaml` package does: same objects, same
// issues, same lines for every field. Each text is read both ways and compared; the fast reader
// may decline a text (the `yaml` package then reads it), never read it differently.

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p-1
  namespace: team-1
spec:
  podSelector: {}
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
          endPort: 60
`;

/** Everything a reading gives, with each object's line for each of its fields (and some absent ones). */
function reading(text: string, plain: boolean): unknown {
  const r = readYaml(text, 'f.yaml', { plain });
  return {
    issues: r.issues,
    objects: r.objects.map((o) => {
      const fields = jsonPaths(o.json).map((p) => p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join(''));
      return {
        json: o.json, kind: o.kind, name: o.name, namespace: o.namespace, ref: o.ref, document: o.document, item: o.item, line: o.line,
        lines: [...fields, ...fields.map((f) => `${f}.absent`), 'items[7].x', 'spec[0]', 'absent', 'name'].map((f) => [f, o.locate(f)]),
        requoted: o.requote?.('quote it: "1.1"') ?? 'quote it: "1.1"',
      };
    }),
  };
}

function expectSameReading(text: string): void {
  expect(reading(text, true)).toEqual(reading(text, false));
}

describe('the plain YAML reader', () => {
  test('reads what kubectl and yaml.stringify write (the fast path is taken)', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n    namespace: x\n  spec:\n    containers:\n    - name: main\n      image: "nginx:1.2"\n      ports:\n      - containerPort: 80\n        name: 'http'\n`;
    const indented = POLICY.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n'); // a root mapping not at column 0
    const commented = `---\n# spec: not a key\nkind: NetworkPolicy\nmetadata:\n  name: a\n  spec: nested\n---\nspec: {}\n`;
    for (const text of [POLICY, `# Source: chart/templates/np.yaml\n---\n${POLICY}---\n${POLICY.replace('p-1', 'p-2')}`, list, indented, commented]) {
      expect(readPlainYaml(text)).toBeDefined();
      expectSameReading(text);
    }
  });

  test.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a flow mapping', 'metadata: {name: a}\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a YAML 1.1 boolean', 'enabled: yes\n'],
    ['a YAML 1.1 octal', 'port: 0443\n'],
    ['a float that prints otherwise', 'v: 1.10\n'],
    ['a YAML 1.1 boolean key', 'on: 1\n'],
    ['a duplicate key', 'kind: Pod\nkind: Service\n'],
    ['a __proto__ key', 'metadata:\n  labels:\n    __proto__: x\n'],
    ['a tab', 'a:\tb\n'],
    ['non-ASCII text', 'a: é\n'],
    ['a directive', '%YAML 1.1\n---\na: 1\n'],
    ['a multi-line plain scalar', 'a: b\n  c\n'],
    ['a nested mapping on one line', 'a: b: c\n'],
    ['a comment after a value', 'a: b # c\n'],
    ['an escape in a double-quoted string', 'a: "b\\n"\n'],
    ['a CRLF line end', 'a: b\r\n'],
    ['a scalar document', 'just text\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['an empty list item', '- a\n-\n- b\n'],
  ])('declines %s (the yaml package reads it)', (_, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
    expectSameReading(text);
  });

  test('nesting deeper than it reads is left to the yaml package (and its limit)', () => {
    const deep = Array.from({ length: 150 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + ' 1\n';
    expect(readPlainYaml(deep)).toBeUndefined();
    expect(readYaml(deep, 'd.yaml').issues.map((i) => i.code)).toContain('read-limit');
  });

  const key = fc.constantFrom('a', 'kind', 'name', 'apiVersion', 'items', 'metadata', 'spec', 'ports', '8080', '0', 'x.y/z', 'a b',
    'yes', 'on', 'y', '__proto__', 'constructor', '0443', 'null', '1.5', '-k', 'a:b', 'a#b', 'k:');
  const scalar = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('a', 'web', 'x.y/z', 'a b', 80, 'p-1', 'TCP') },
    fc.constantFrom('v1', 'List', 'NetworkPolicy', 'Pod', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'null', '~', '', '0443', '0o17', '8_080',
      '1.10', '1.5', '10.0.0.0/8', '0.0.0.0/0', '-1', '-0', '+1', '.inf', '.5', '1e3', '12345678901234567890', '53', 'a: b', 'a #b', '- x',
      'é', 'tab\there', '"q"', "'s'", 'a\\b', '{}', '[]', 'x:', '1:20', '2001-12-14', 'kube-dns', 'k8s-app', '@x', '!x', '*x', '&x'),
    fc.string({ maxLength: 6 }),
    fc.integer({ min: -100000, max: 100000 }),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
  );
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
    map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    list: fc.array(tie('node'), { maxLength: 3 }),
  })).node;
  const manifest = fc.record({
    apiVersion: fc.constantFrom('v1', 'networking.k8s.io/v1'),
    kind: fc.constantFrom('List', 'NetworkPolicyList', 'Pod', 'NetworkPolicy', ''),
    metadata: fc.oneof(value, fc.record({ name: scalar, namespace: scalar })),
    spec: value,
    items: fc.array(fc.oneof(value, fc.record({ kind: fc.constantFrom('Pod', 'Namespace'), metadata: fc.record({ name: scalar }) })), { maxLength: 3 }),
  }, { requiredKeys: [] });

  test('reads every stringified manifest as the yaml package does', () => {
    fc.assert(
      fc.property(fc.array(manifest, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean(), (docs, indentSeq, marker) => {
        const text = (marker ? '---\n' : '') + docs.map((d) => stringify(d, { indentSeq })).join('---\n');
        expectSameReading(text);
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout(60_000));

  // Lines of plain-looking pieces in random order and indentation: mostly invalid or odd YAML.
  const piece = fc.constantFrom('a:', 'a: 1', 'b: x', 'b:', '- x', '-', '- a: 1', '- - y', '  - z', 'c: {}', 'd: []', '---', '# c', '', '  ',
    'kind: List', 'items:', 'kind: Pod', 'e: "q"', "f: 's'", 'g: yes', 'a: 2', 'x: a: b', '...', 'k: 1 # c', '%TAG', 'h: -', '- "q": 1');
  test('reads random plain-looking line soups as the yaml package does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 6 }), piece), { maxLength: 12 }), fc.boolean(), (lines, finalNewline) => {
        const text = lines.map(([indent, p]) => ' '.repeat(indent) + p).join('\n') + (finalNewline ? '\n' : '');
        expectSameReading(text);
      }),
      fuzzParams(1000),
    );
  }, fuzzTimeout(60_000));
});
