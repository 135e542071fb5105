import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Select } from '../../lib/constructs/select';
import { readObjects } from '../../lib/manifest/read-objects';
import { LabelSelector, Peer } from '../../lib/model';
import { copyMap, entry, hasEntry, mergeMaps } from '../../lib/model/string-map';
import { run } from '../cli/fake-io';

// Issue 11: a label key `__proto__` must not vanish from a map (a selector would read as `{}`),
// and `constructor`, `toString`, `hasOwnProperty` are label keys like any other.

const PROTO_KEY = `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
const OBJECT_MEMBERS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'app'];

/** A map as JSON.parse or YAML gives it: `__proto__` an own key. */
const own = (entries: Array<[string, string]>) => Object.fromEntries(entries) as { [key: string]: string };

describe('string maps keep every key', () => {
  const arbMap = fc.uniqueArray(fc.tuple(fc.oneof(fc.constantFrom(...OBJECT_MEMBERS), fc.string({ maxLength: 4 })), fc.string({ maxLength: 3 })), { selector: ([k]) => k, maxLength: 6 });

  test('copyMap and mergeMaps agree with a Map-based reference', () => {
    fc.assert(fc.property(arbMap, arbMap, (a, b) => {
      const sorted = (m: Map<string, string>) => [...m].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
      expect(sorted(new Map(Object.entries(copyMap(own(a)))))).toEqual(sorted(new Map(a)));
      const ref = new Map([...a, ...b]);
      const merged = mergeMaps(own(a), own(b));
      expect(sorted(new Map(Object.entries(merged)))).toEqual(sorted(ref));
      for (const k of OBJECT_MEMBERS) {
        expect(hasEntry(merged, k)).toBe(ref.has(k));
        expect(entry(merged, k)).toBe(ref.get(k));
      }
    }));
  });

  test('LabelSelector.matches agrees with a Map-based reference, Object.prototype members included', () => {
    fc.assert(fc.property(arbMap, arbMap, (sel, labels) => {
      const selector = LabelSelector._fromJson({ matchLabels: own(sel) });
      const pod = new Map(labels);
      const expected = sel.every(([k, v]) => pod.has(k) && pod.get(k) === v);
      expect(selector.matches(own(labels))).toBe(expected);
    }));
  });

  test('a selector {constructor: x} matches only pods carrying constructor=x', () => {
    const s = LabelSelector.labels({ constructor: 'x' });
    expect(s.matches(own([['constructor', 'x']]))).toBe(true);
    expect(s.matches({})).toBe(false);
    expect(s.matches(own([['constructor', 'y']]))).toBe(false);
    expect(s.toJson()).toEqual({ matchLabels: { constructor: 'x' } });
    expect(LabelSelector.expressions({ key: 'toString', operator: 'Exists' as never }).matches({})).toBe(false);
  });
});

describe('a __proto__ label key is reported, never dropped', () => {
  test('the library: Select.pods / Peer.pods / LabelSelector.labels throw the usual message', () => {
    const labels = own([['__proto__', 'x']]);
    for (const make of [() => Select.pods(labels), () => Peer.pods(labels), () => LabelSelector.labels(labels)]) {
      expect(make).toThrow(`Invalid value: "__proto__": ${PROTO_KEY}`);
    }
  });

  test('pod and namespace labels: an error, the object is not analyzed', () => {
    const read = readObjects(JSON.parse(`[
      {"kind": "Namespace", "metadata": {"name": "ns", "labels": {"__proto__": "x"}}},
      {"kind": "Pod", "metadata": {"name": "p", "namespace": "ns", "labels": {"__proto__": "x"}}},
      {"kind": "Deployment", "metadata": {"name": "d", "namespace": "ns"}, "spec": {"template": {"metadata": {"labels": {"__proto__": "x"}}}}}
    ]`));
    expect(read.workloads).toEqual([]);
    expect(read.issues.filter((i) => i.severity === 'error').map((i) => [i.object, i.field])).toEqual([
      ['Namespace ns', 'metadata.labels'],
      ['Pod ns/p', 'metadata.labels'],
      ['Deployment ns/d', 'spec.template.metadata.labels'],
    ]);
  });

  const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: only-web, namespace: ns, labels: {__proto__: x}}
spec:
  podSelector: {matchLabels: {__proto__: x}}
  ingress:
  - from: [{podSelector: {matchLabels: {__proto__: x}}}]
`;

  test('check reports it in matchLabels and in policy metadata; exit 1', async () => {
    const r = await run(['check', 'np.yaml', '--no-lint'], { 'np.yaml': POLICY });
    expect(r.code).toBe(1);
    for (const field of ['metadata.labels', 'spec.podSelector.matchLabels', 'spec.ingress[0].from[0].podSelector.matchLabels']) {
      expect(r.stdout).toContain(`${field}: Invalid value: "__proto__": ${PROTO_KEY}`);
    }
  });

  test('import refuses it (no Peer.sameNamespace(), nothing written)', async () => {
    const r = await run(['import', 'np.yaml'], { 'np.yaml': POLICY });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Invalid value: "__proto__"');
  });

  test('matrix: the selector is not widened to {} (the peer selector allows no pod)', async () => {
    const pods = `apiVersion: v1
kind: Pod
metadata: {name: a, namespace: ns, labels: {app: a}}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: ns, labels: {app: b}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-but, namespace: ns}
spec:
  podSelector: {}
  ingress:
  - from: [{podSelector: {matchLabels: {__proto__: x}}}]
`;
    const r = await run(['matrix', 'f.yaml', '--port', '80', '--format', 'json'], { 'f.yaml': pods });
    expect(JSON.parse(r.stdout).results.map((x: { allowed: boolean }) => x.allowed)).toEqual([false, false]);
  });
});
