import { describe, expect, test } from 'vitest';
import { formatIssuesSarif, writeIssuesSarif } from '../../lib/cli/format/issues-sarif';
import { safeJson } from '../../lib/cli/format/json';
import { Issue, Severity } from '../../lib/model';

function many(n: number): Issue[] {
  return Array.from({ length: n }, (_, k) => ({
    code: k % 2 === 0 ? 'V-2' : 'dns-egress-missing', severity: k % 2 === 0 ? Severity.ERROR : Severity.WARNING,
    message: `pods of p-${k}\u202e cannot reach the cluster DNS`, field: 'spec.policyTypes',
    object: `NetworkPolicy team/p-${k}`, hint: k % 3 === 0 ? 'add an egress rule' : undefined,
    file: k % 4 === 0 ? undefined : 'a b.yaml', document: k, line: k % 5 === 0 ? undefined : 10 * k + 1,
  }));
}

describe('SARIF written in pieces', () => {
  test.each([[0, 0], [1, 0], [0, 2], [127, 1], [128, 0], [128, 1], [300, 3]])('%i issues and %i suppressed: the text of one safeJson of the log', (n, s) => {
    const issues = many(n);
    const suppressed = many(s).map((issue) => ({ issue: { ...issue, code: 'allow-all-peer' }, reason: 'on purpose\u0085' }));
    const pieces: string[] = [];
    writeIssuesSarif(issues, suppressed, '1.2.3', (p) => pieces.push(p));
    const text = pieces.join('');
    expect(text).toBe(formatIssuesSarif(issues, suppressed, '1.2.3'));
    // The same value stringified whole gives the same text: indentation and escaping as safeJson's.
    const log = JSON.parse(text);
    expect(text).toBe(safeJson(log) + '\n');
    expect(log.runs[0].results).toHaveLength(n + s);
    expect(log.runs[0].results.filter((r: { suppressions?: unknown }) => r.suppressions)).toHaveLength(s);
    for (const r of log.runs[0].results) expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });
});
