import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { validateNetworkPolicyJson } from '../../lib/manifest';
import { closest, remapIndexes } from '../../lib/manifest/validate-decode';

type Json = { [key: string]: any };

function withSpec(spec: Json): Json {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'np', namespace: 'demo' },
    spec: { podSelector: {}, ...spec },
  };
}

/** [code, severity, field, message, hint] of every issue. */
function rows(obj: unknown): Array<[string, string, string | undefined, string, string | undefined]> {
  return validateNetworkPolicyJson(obj).map((i) => [i.code, i.severity, i.field, i.message, i.hint]);
}

describe('decode errors: wrong JSON types, as the API server decoder rejects them', () => {
  test.each([
    ['port: true', withSpec({ ingress: [{ ports: [{ port: true }] }] }), 'spec.ingress[0].ports[0].port', 'Invalid type: expected integer or string, got bool true'],
    ['protocol: 6', withSpec({ ingress: [{ ports: [{ protocol: 6 }] }] }), 'spec.ingress[0].ports[0].protocol', 'Invalid type: expected string, got number 6'],
    ['port: 80.5', withSpec({ ingress: [{ ports: [{ port: 80.5 }] }] }), 'spec.ingress[0].ports[0].port', 'Invalid type: expected integer or string, got number 80.5'],
    ['port beyond int32', withSpec({ ingress: [{ ports: [{ port: 99999999999 }] }] }), 'spec.ingress[0].ports[0].port', 'Invalid type: expected integer or string, got number 99999999999'],
    ['endPort: "20000"', withSpec({ egress: [{ ports: [{ port: 80, endPort: '20000' }] }] }), 'spec.egress[0].ports[0].endPort', 'Invalid type: expected integer, got string "20000"'],
    ['matchLabels value true', withSpec({ podSelector: { matchLabels: { enabled: true } } }), 'spec.podSelector.matchLabels', 'Invalid type: expected string for key "enabled", got bool true'],
    ['values: [1]', withSpec({ podSelector: { matchExpressions: [{ key: 'v', operator: 'In', values: [1] }] } }), 'spec.podSelector.matchExpressions[0].values[0]', 'Invalid type: expected string, got number 1'],
    ['cidr: 10', withSpec({ ingress: [{ from: [{ ipBlock: { cidr: 10 } }] }] }), 'spec.ingress[0].from[0].ipBlock.cidr', 'Invalid type: expected string, got number 10'],
    ['ingress as an object', withSpec({ ingress: { from: [] } }), 'spec.ingress', 'Invalid type: expected a list of ingress rules, got object {"from":[]}'],
    ['policyTypes as a string', withSpec({ policyTypes: 'Ingress' }), 'spec.policyTypes', 'Invalid type: expected a list of policy types, got string "Ingress"'],
    ['metadata.name a number', { ...withSpec({}), metadata: { name: 123, namespace: 'demo' } }, 'metadata.name', 'Invalid type: expected string, got number 123'],
  ])('%s', (_name, obj, field, message) => {
    const decode = validateNetworkPolicyJson(obj).filter((i) => i.code === 'decode-error');
    expect(decode.map((i) => [i.severity, i.field, i.message])).toEqual([['error', field, message]]);
  });

  test('a bad value does not cause follow-up errors (endPort is not checked against a bad port)', () => {
    const issues = validateNetworkPolicyJson(withSpec({ egress: [{ ports: [{ port: true, endPort: 10 }] }] }));
    expect(issues.map((i) => i.code)).toEqual(['decode-error']);
  });

  test('port: 0 gets the "omit port" hint', () => {
    const [issue] = validateNetworkPolicyJson(withSpec({ ingress: [{ ports: [{ port: 0 }] }] }));
    expect(issue.hint).toBe('to allow every port of the protocol, omit `port` (port: 0 is what cdk8s-plus allTcp() emits)');
  });

  test('hints: protocol numbers, quoting, lists', () => {
    const hintOf = (obj: Json) => validateNetworkPolicyJson(obj).find((i) => i.code === 'decode-error')?.hint;
    expect(hintOf(withSpec({ ingress: [{ ports: [{ protocol: 17 }] }] }))).toBe('did you mean "UDP"?');
    expect(hintOf(withSpec({ podSelector: { matchLabels: { version: 2 } } }))).toBe('quote it: version: "2"');
    expect(hintOf(withSpec({ egress: [{ ports: [{ port: 80, endPort: '90' }] }] }))).toBe('write the number without quotes: 90');
    expect(hintOf(withSpec({ policyTypes: 'Egress' }))).toBe('it must be a list: policyTypes: [Egress]');
    expect(hintOf(withSpec({ ingress: { from: [] } }))).toContain('ingress is a list of rules');
  });

  test('indexes stay those of the input when a bad entry is skipped', () => {
    const np = withSpec({
      podSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: [1] }, { key: 'b', operator: 'in', values: ['x'] }] },
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: [5, '11.0.0.0/16'] } }] }],
    });
    expect(validateNetworkPolicyJson(np).map((i) => `${i.code} ${i.field}`)).toEqual([
      'decode-error spec.podSelector.matchExpressions[0].values[0]',
      'decode-error spec.ingress[0].from[0].ipBlock.except[0]',
      'V-7 spec.podSelector.matchExpressions[1].operator',
      'V-24 spec.ingress[0].from[0].ipBlock.except[1]',
    ]);
  });

  test.each([null, 42, 'NetworkPolicy', [], true, undefined])('a non-object document %j is one decode error', (doc) => {
    const issues = validateNetworkPolicyJson(doc);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'decode-error', severity: 'error' });
    expect(issues[0].message).toMatch(/^Invalid type: expected a NetworkPolicy object, got /);
  });

  test('apiVersion and kind', () => {
    const old = { ...withSpec({}), apiVersion: 'extensions/v1beta1' };
    expect(rows(old)).toEqual([[
      'decode-error', 'error', 'apiVersion',
      'Invalid value: "extensions/v1beta1": no matches for kind "NetworkPolicy" in version "extensions/v1beta1"',
      'use apiVersion: networking.k8s.io/v1 (extensions/v1beta1 and networking.k8s.io/v1beta1 were removed)',
    ]]);
    expect(rows({ ...withSpec({}), kind: 'networkpolicy' })[0]).toEqual([
      'decode-error', 'error', 'kind', 'Invalid value: "networkpolicy": expected "NetworkPolicy"', 'did you mean "NetworkPolicy"?',
    ]);
  });
});

describe('null handling: null is absent, except where Go reads it as a value', () => {
  test('matchLabels: null and a null spec list are absent', () => {
    expect(validateNetworkPolicyJson(withSpec({ podSelector: { matchLabels: null }, ingress: null, egress: null, policyTypes: null }))).toEqual([]);
  });

  test('a peer `podSelector:` with no value is null: the peer is empty (V-18) and the hint says so', () => {
    const [issue] = validateNetworkPolicyJson(withSpec({ ingress: [{ from: [{ podSelector: null }] }] }));
    expect(issue).toMatchObject({ code: 'V-18', field: 'spec.ingress[0].from[0]', message: 'Required value: must specify a peer' });
    expect(issue.hint).toContain('write podSelector: {}');
  });

  test('a label value `app:` with nothing is the empty value, flagged as a warning', () => {
    expect(rows(withSpec({ podSelector: { matchLabels: { app: null } } }))).toEqual([[
      'null-value', 'warning', 'spec.podSelector.matchLabels', '"app": null is read as the empty value ""', 'write the value, or "" if an empty value is meant',
    ]]);
  });

  test('an empty rule entry allows everything, flagged as a warning', () => {
    expect(rows(withSpec({ ingress: [null] })).map((r) => r.slice(0, 4))).toEqual([[
      'null-value', 'warning', 'spec.ingress[0]', 'an empty entry is read as the rule {}, which allows every source on every port',
    ]]);
  });
});

describe('unknown fields: warnings with a "did you mean" hint', () => {
  const STRICT = "rejected under strict field validation (kubectl's default), silently dropped otherwise";

  test.each([
    ['spec.podSelectr', withSpec({ podSelectr: {} }), 'did you mean "podSelector"?'],
    ['spec.ingres', withSpec({ ingres: [] }), 'did you mean "ingress"?'],
    ['spec.ingress[0].from[0].ipblock', withSpec({ ingress: [{ from: [{ ipblock: { cidr: '10.0.0.0/8' } }, { podSelector: {} }] }] }), 'did you mean "ipBlock"?'],
    ['spec.podSelector.matchlabels', withSpec({ podSelector: { matchlabels: { app: 'web' } } }), 'did you mean "matchLabels"?'],
    ['spec.podSelector.labels', withSpec({ podSelector: { labels: { app: 'web' } } }), 'did you mean "matchLabels"?'],
    ['spec.podSelector.match_expressions', withSpec({ podSelector: { match_expressions: [] } }), 'did you mean "matchExpressions"?'],
    ['spec.policyType', withSpec({ policyType: ['Ingress'] }), 'did you mean "policyTypes"?'],
    ['spec.ingress[0].ports[0].protocl', withSpec({ ingress: [{ ports: [{ protocl: 'TCP' }] }] }), 'did you mean "protocol"?'],
    ['spec.egress[0].ports[0].endport', withSpec({ egress: [{ ports: [{ port: 1, endport: 2 }] }] }), 'did you mean "endPort"?'],
    ['metadata.namepsace', { ...withSpec({}), metadata: { name: 'np', namespace: 'demo', namepsace: 'x' } }, 'did you mean "namespace"?'],
  ])('%s', (field, obj, hint) => {
    const unknown = validateNetworkPolicyJson(obj).filter((i) => i.code === 'unknown-field');
    expect(unknown).toEqual([{ code: 'unknown-field', severity: 'warning', field, message: `unknown field ${JSON.stringify(field.split('.').pop())}: ${STRICT}`, hint }]);
  });

  test('`status: {}` left by an export: a warning that tells its history', () => {
    const issues = validateNetworkPolicyJson({ ...withSpec({}), status: {} });
    expect(issues.map((i) => [i.code, i.severity, i.field])).toEqual([['unknown-field', 'warning', 'status']]);
    expect(issues[0].hint).toContain('no status since Kubernetes 1.28');
  });

  test('`from` in an egress rule: dropped, so the rule allows every destination', () => {
    const [issue] = validateNetworkPolicyJson(withSpec({ egress: [{ from: [{ podSelector: {} }] }] }));
    expect(issue).toMatchObject({ code: 'unknown-field', field: 'spec.egress[0].from' });
    expect(issue.hint).toBe('egress rules list their peers under `to`; as written `from` is dropped and the rule allows every destination');
  });

  test('a label written directly under a selector: dropped, so it selects every pod', () => {
    const [issue] = validateNetworkPolicyJson(withSpec({ podSelector: { app: 'web' } }));
    expect(issue).toMatchObject({ code: 'unknown-field', field: 'spec.podSelector.app' });
    expect(issue.hint).toBe('labels go under matchLabels: {matchLabels: {app: "web"}}; as written the label is dropped and the selector matches every pod');
  });

  test('a peer under the rule instead of `from`', () => {
    const issues = validateNetworkPolicyJson(withSpec({ ingress: [{ podSelector: { matchLabels: { app: 'a' } } }] }));
    expect(issues.map((i) => [i.code, i.field])).toEqual([['unknown-field', 'spec.ingress[0].podSelector']]);
    expect(issues[0].hint).toMatch(/^peers go under `from`/);
  });

  test('a misspelled peer field leaves an empty peer, which the API server rejects', () => {
    const issues = validateNetworkPolicyJson(withSpec({ ingress: [{ from: [{ podselector: {} }] }] }));
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['unknown-field', 'spec.ingress[0].from[0].podselector'],
      ['V-18', 'spec.ingress[0].from[0]'],
    ]);
  });

  test('read-only metadata of exported objects is not unknown', () => {
    const exported = {
      ...withSpec({}),
      metadata: { name: 'np', namespace: 'demo', uid: 'u', resourceVersion: '1', generation: 1, creationTimestamp: '2024-01-01T00:00:00Z', managedFields: [] },
    };
    expect(validateNetworkPolicyJson(exported)).toEqual([]);
  });

  test('closest() ignores names too far away', () => {
    expect(closest('zzzzzz', ['ingress', 'egress'])).toBeUndefined();
    expect(closest('EGRESS', ['ingress', 'egress'])).toBe('egress');
  });
});

describe('robustness', () => {
  test('remapIndexes rewrites only the given list', () => {
    const issues = remapIndexes([
      { code: 'x', severity: 'error' as any, message: 'm', field: 'a.list[1].key' },
      { code: 'x', severity: 'error' as any, message: 'm', field: 'a.other[1]' },
    ], 'a.list', [0, 3]);
    expect(issues.map((i) => i.field)).toEqual(['a.list[3].key', 'a.other[1]']);
  });

  test('values a YAML library may produce: a date is a string, a bigint a number, a cycle is cut', () => {
    const dated = withSpec({ ingress: [new Date('2024-01-01T00:00:00Z')] });
    expect(validateNetworkPolicyJson(dated).map((i) => [i.code, i.field, i.message])).toEqual([
      ['decode-error', 'spec.ingress[0]', 'Invalid type: expected an ingress rule object {from, ports}, got string "2024-01-01T00:00:00.000Z"'],
    ]);
    expect(validateNetworkPolicyJson(withSpec({ ingress: [{ ports: [{ port: BigInt(443) }] }] }))).toEqual([]);
    const cyclic: Json = withSpec({});
    cyclic.spec.podSelector = { matchExpressions: [] };
    cyclic.spec.podSelector.matchExpressions.push(cyclic.spec.podSelector);
    expect(validateNetworkPolicyJson(cyclic).every((i) => i.code !== 'internal-error')).toBe(true);
  });

  test('never throws, whatever the shape', () => {
    const key = fc.constantFrom('apiVersion', 'kind', 'metadata', 'spec', 'name', 'namespace', 'podSelector', 'namespaceSelector',
      'ipBlock', 'cidr', 'except', 'ingress', 'egress', 'from', 'to', 'ports', 'port', 'endPort', 'protocol', 'policyTypes',
      'matchLabels', 'matchExpressions', 'key', 'operator', 'values', 'labels', 'annotations', '__proto__', 'constructor');
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null), fc.boolean(), fc.integer({ min: -70000, max: 70000 }), fc.double(), fc.string(),
        fc.constantFrom('TCP', 'In', 'Ingress', '10.0.0.0/8', '::/0', 'a/b', ''),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(key, tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(fc.property(json, (doc) => {
      const issues = validateNetworkPolicyJson(doc);
      expect(Array.isArray(issues)).toBe(true);
      expect(issues.every((i) => typeof i.message === 'string' && i.code !== 'internal-error')).toBe(true);
    }), { numRuns: 500 });
  });
});
