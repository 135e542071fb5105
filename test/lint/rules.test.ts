import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LINT_RULES, findRule } from '../../lib/lint';
import { FIXTURES, lintFixture } from './load-fixture';

// Each rule: its failing fixture yields exactly these findings (fields) of that rule, its passing
// fixture none. Fixtures live in test/fixtures/lint/<rule-id>/{pass,fail}.yaml.
const EXPECTED_FAIL_FIELDS: { [rule: string]: string[] } = {
  'cluster-policy-baseline-dns': ['spec.egress[0]'],
  'cluster-policy-pass-to-nothing': ['spec.ingress[0]'],
  'cluster-policy-priority-tie': ['spec.priority'],
  'cluster-policy-rule-shadowed': ['spec.ingress[1]'],
  'allow-all-peer': ['spec.ingress[0].from[1]', 'spec.ingress[1].from[0].podSelector.matchLabels', 'spec.egress[0].to[0]'],
  'and-or-suspect': ['spec.ingress[0].from[1]', 'spec.egress[0].to[1]'],
  'dns-egress-missing': ['spec.egress', 'spec.egress[0].to[0].namespaceSelector'],
  'flow-half-open': ['spec.ingress[0].from[0]', 'spec.egress[0].to[0]'],
  'half-isolated': ['spec.policyTypes', 'spec.policyTypes', 'spec'],
  'host-network-target': ['spec.podSelector'],
  'ipblock-covers-cluster': ['spec.egress[0].to[0].ipBlock', 'spec.egress[0].to[1].ipBlock'],
  'metadata-service-reachable': ['spec.egress[0].to[0].ipBlock'],
  'policy-without-effect': ['spec', 'spec', 'spec'],
  'redundant-rule': ['spec.ingress[0].ports[1]', 'spec.ingress[1]', 'spec.ingress[2].from[1]'],
  'selector-matches-nothing': ['spec.podSelector', 'spec.ingress[0].from[0].podSelector', 'spec.ingress[0].from[1].namespaceSelector'],
  'unknown-field': ['spec.podSelectr', 'spec.ingress[0].from[0].ipblock', 'spec.ingress[0].from[1].podSelector.role'],
};

describe('the rule registry', () => {
  test('every rule lives in lib/lint/<id>.ts and has a severity, a summary and a readable paragraph', () => {
    for (const rule of LINT_RULES) {
      expect(existsSync(join(__dirname, '..', '..', 'lib', 'lint', `${rule.id}.ts`))).toBe(true);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.summary.length).toBeGreaterThan(20);
      expect(rule.description.split(' ').length).toBeGreaterThan(50);
      expect(findRule(rule.id)).toBe(rule);
    }
  });

  test('the ids are the eleven NetworkPolicy rules, flow-half-open (issue 13) and the four ClusterNetworkPolicy rules, sorted, unique', () => {
    const ids = LINT_RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(Object.keys(EXPECTED_FAIL_FIELDS).sort());
  });
});

describe.each(LINT_RULES.map((r) => r.id))('%s', (id) => {
  test('the failing fixture is caught, at the expected fields, with file, document and line', () => {
    const { issues } = lintFixture(`lint/${id}/fail.yaml`);
    const mine = issues.filter((i) => i.code === id);
    expect(mine.map((i) => i.field)).toEqual(EXPECTED_FAIL_FIELDS[id]);
    for (const i of mine) {
      expect(i.severity).toBe(findRule(id)!.severity);
      expect(i.file).toBe(`lint/${id}/fail.yaml`);
      expect(i.document).toBeGreaterThanOrEqual(0);
      expect(i.line).toBeGreaterThan(0);
      expect(i.object).toMatch(/^(NetworkPolicy [a-z0-9-]+\/|ClusterNetworkPolicy )[a-z0-9-]+$/);
      expect(i.message.length).toBeGreaterThan(30);
    }
  });

  test('the passing fixture is clean for this rule', () => {
    const { issues } = lintFixture(`lint/${id}/pass.yaml`);
    expect(issues.filter((i) => i.code === id)).toEqual([]);
  });

  test('the line of each finding points into the object it names', () => {
    const { issues } = lintFixture(`lint/${id}/fail.yaml`);
    const lines = readFileSync(join(FIXTURES, 'lint', id, 'fail.yaml'), 'utf8').split('\n');
    for (const i of issues.filter((x) => x.code === id)) {
      // Walk back from the reported line to the object's `name:`; it must be the named policy.
      const name = i.object!.split(/[ /]/).pop();
      const before = lines.slice(0, i.line).reverse().find((l) => /^\s+name: /.test(l) && !/^\s{4,}/.test(l));
      expect(before?.trim()).toBe(`name: ${name}`);
    }
  });
});
