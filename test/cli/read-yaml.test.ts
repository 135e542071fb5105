import { describe, expect, test } from 'vitest';
import { readYaml } from '../../lib/manifest/read-yaml';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
  namespace: demo
spec:
  podSelector: {}
  ingress:
  - from:
    - ipBlock:
        cidr: 10.0.0.1
`;

describe('readYaml', () => {
  test('multi-document YAML: each object tagged with file, document and line; empty documents skipped', () => {
    const text = `---\n${POLICY}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: demo}\n---\n`;
    const r = readYaml(text, 'a.yaml');
    expect(r.issues).toEqual([]);
    expect(r.objects.map((o) => [o.ref, o.document, o.line])).toEqual([
      ['NetworkPolicy demo/np', 0, 2],
      ['Namespace demo', 1, 14],
    ]);
  });

  test.each([
    ['spec.ingress[0].from[0].ipBlock.cidr', 12],
    ['spec.ingress[0].from[0]', 11],
    ['spec.ingress[0]', 10],
    ['metadata.namespace', 6],
    ['spec.egress[3].to', 7], // absent: the nearest present ancestor (spec)
    ['', 2],
  ])('locate(%s) is line %i', (field, line) => {
    const [obj] = readYaml(`---\n${POLICY}`, 'a.yaml').objects;
    expect(obj.locate(field)).toBe(line);
  });

  test('List kinds are flattened; items keep their list index and their own lines', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: a, namespace: x}
- apiVersion: v1
  kind: Pod
  metadata: {name: b, namespace: x}
  spec:
    hostNetwork: true
`;
    const r = readYaml(text, 'list.yaml');
    expect(r.objects.map((o) => [o.ref, o.item, o.line, o.locate('spec.hostNetwork')])).toEqual([
      ['Pod x/a', 0, 4, 4],
      ['Pod x/b', 1, 7, 11],
    ]);
  });

  test('JSON (one object, or a List) reads like YAML, with lines', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'NetworkPolicyList', items: [{ kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'n' }, spec: {} }] }, null, 2);
    const r = readYaml(json, 'x.json');
    expect(r.issues).toEqual([]);
    expect(r.objects.map((o) => [o.ref, o.item])).toEqual([['NetworkPolicy n/p', 0]]);
    expect(r.objects[0].locate('spec')).toBeGreaterThan(1);
  });

  test.each([
    { name: 'binary junk', text: '\u0000\u0001\u0002PK\u0003\u0004', code: 'read-binary', line: undefined },
    { name: 'a YAML syntax error (reported where the parser notices it)', text: 'kind: Pod\nmetadata: {name: [\n', code: 'read-syntax', line: 3 },
    { name: 'duplicate keys', text: 'kind: Pod\nkind: Service\n', code: 'read-syntax', line: 2 },
    { name: 'a scalar document', text: 'just text\n', code: 'read-not-an-object', line: 1 },
    { name: 'a list document', text: '- a\n- b\n', code: 'read-not-an-object', line: 1 },
    { name: 'an object without kind', text: 'apiVersion: v1\nmetadata: {name: x}\n', code: 'read-missing-kind', line: 1 },
    { name: 'a List whose items is not a list', text: 'kind: List\nitems: 3\n', code: 'read-list-items', line: 1 },
  ])('$name becomes an Issue, never an exception', ({ text, code, line }) => {
    const r = readYaml(text, 'bad.yaml');
    expect(r.objects).toEqual([]);
    expect(r.issues.length).toBeGreaterThanOrEqual(1);
    for (const i of r.issues) expect(i).toMatchObject({ code, severity: 'error', file: 'bad.yaml', ...(code === 'read-binary' ? {} : { document: 0 }) });
    expect(r.issues[0].line).toBe(line);
  });

  test('one broken document does not hide the others', () => {
    const r = readYaml(`${POLICY}---\nkind: [\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n`, 'm.yaml');
    expect(r.objects.map((o) => o.ref)).toEqual(['NetworkPolicy demo/np', 'Namespace ok']);
    expect(r.issues.map((i) => [i.code, i.document])).toEqual([['read-syntax', 1]]);
  });

  test('unquoted YAML 1.1 booleans (yes, on, n) are booleans, as kubectl reads them, and each is reported with its line', () => {
    const r = readYaml('kind: Pod\nmetadata:\n  name: p\n  labels: {enabled: yes, mode: "on", x: n, t: true}\n', 'b.yaml');
    expect(r.objects[0].json.metadata).toEqual({ name: 'p', labels: { enabled: true, mode: 'on', x: false, t: true } });
    expect(r.issues.map((i) => [i.code, i.line, i.hint])).toEqual([
      ['read-yaml11-boolean', 4, 'quote it if the text is meant: "yes"'],
      ['read-yaml11-boolean', 4, 'quote it if the text is meant: "n"'],
    ]);
    expect(r.issues[0].message).toBe('the unquoted value yes is read by Kubernetes (YAML 1.1) as the boolean true, and so by netpol; a YAML 1.2 reader (cdk8s, most editors) reads the string "yes"');
  });

  // What sigs.k8s.io/yaml (go-yaml v2) makes of plain scalars, and whether a YAML 1.2 reader differs.
  test.each([
    ['0443', 291, 'read-yaml11-number'], // octal in YAML 1.1, 443 in YAML 1.2
    ['8_080', 8080, 'read-yaml11-number'], // a string in YAML 1.2
    ['0b101', 5, 'read-yaml11-number'],
    ['0x1F', 31, undefined], // hex in both
    ['0o17', 15, undefined], // Go's ParseInt takes 0o; YAML 1.2 too
    ['80', 80, undefined],
    ['1.10', 1.1, undefined],
    ['2001-12-14', '2001-12-14', undefined], // go-yaml keeps untyped timestamps as strings
    ['1:20', '1:20', undefined], // no sexagesimal numbers in go-yaml
    ['Off', false, 'read-yaml11-boolean'],
    ['~', null, undefined],
  ])('the plain scalar %s reads as %j (warning: %s)', (text, value, code) => {
    const r = readYaml(`kind: Pod\nmetadata: {name: p}\nspec:\n  v: ${text}\n`, 'n.yaml');
    expect((r.objects[0].json.spec as { v: unknown }).v).toEqual(value);
    expect(r.issues.map((i) => [i.code, i.field, i.line])).toEqual(code ? [[code, 'spec.v', 4]] : []);
  });

  test('a YAML 1.1 number warning says both readings and how to make them agree', () => {
    const r = readYaml('kind: Pod\nmetadata: {name: p}\nspec:\n  ports: [{port: 0443}]\n', 'o.yaml');
    expect(r.issues).toEqual([expect.objectContaining({
      code: 'read-yaml11-number', severity: 'warning', object: 'Pod p', field: 'spec.ports[0].port', line: 4,
      message: 'the unquoted value 0443 is read by Kubernetes (YAML 1.1) as the number 291, and so by netpol; a YAML 1.2 reader (cdk8s, most editors) reads the number 443',
      hint: 'write 291 or 443, whichever is meant, so every reader agrees',
    })]);
  });

  test('<< merge keys merge, as kubectl does (keys written in the mapping win)', () => {
    const text = 'kind: Pod\nmetadata: {name: p}\nbase: &base {a: 1, b: 2}\nspec:\n  <<: *base\n  b: 3\n';
    const r = readYaml(text, 'm.yaml');
    expect(r.issues).toEqual([]);
    expect(r.objects[0].json.spec).toEqual({ a: 1, b: 3 });
  });

  test('requote puts the source text back into a hint: "1.1" written 1.10, "true" written yes', () => {
    const [obj] = readYaml('kind: Pod\nmetadata:\n  name: p\n  labels: {v: 1.10, ok: yes, other: 1.10}\nspec: {v: 1.10}\n', 'q.yaml').objects;
    expect(obj.requote?.('quote it: "1.1"', 'metadata.labels.v')).toBe('quote it: "1.10"');
    expect(obj.requote?.('quote it: v: "1.1", ok: "true"', 'metadata.labels')).toBe('quote it: v: "1.10", ok: "yes"');
    expect(obj.requote?.('quote it: "1.1"', 'metadata.name')).toBe('quote it: "1.1"'); // nothing re-read under that field
  });

  test('each YAML 1.1 boolean names its object and field, inside a List item too', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  metadata:\n    name: p\n    namespace: a\n'
      + '    ownerReferences: [{name: y}]\n  spec:\n    tolerations:\n    - effect: NoSchedule\n    args: [on]\n';
    const r = readYaml(text, 'l.yaml');
    expect(r.issues.map((i) => [i.object, i.field, i.line])).toEqual([
      ['Pod a/p', 'metadata.ownerReferences[0].name', 8],
      ['Pod a/p', 'spec.args[0]', 12],
    ]);
  });

  test('an empty input holds no objects and no issues', () => {
    expect(readYaml('', 'e.yaml')).toEqual({ objects: [], issues: [] });
    expect(readYaml('# only a comment\n', 'e.yaml')).toEqual({ objects: [], issues: [] });
  });
});
