import { describe, expect, test } from 'vitest';
import { formatIssuesJson, writeIssuesJson } from '../../lib/cli/format/issues-json';
import { safeJson } from '../../lib/cli/format/json';
import { Issue, Severity } from '../../lib/model';

const summary = { errors: 1, warnings: 299, infos: 0, suppressed: 2, objects: 300, files: 1 };

function many(n: number): Issue[] {
  return Array.from({ length: n }, (_, k) => ({
    code: k === 0 ? 'V-2' : 'dns-egress-missing', severity: k === 0 ? Severity.ERROR : Severity.WARNING,
    message: `pods of p-${k}\u202e cannot reach the cluster DNS`, field: k % 3 === 0 ? undefined : 'spec.policyTypes',
    object: `NetworkPolicy team/p-${k}`, hint: k % 2 === 0 ? 'add an egress rule' : undefined,
    file: 'big.yaml', document: k % 5 === 0 ? undefined : k, line: k % 5 === 0 ? undefined : 10 * k + 1,
  }));
}

/** The whole object stringified at once, as the JSON output was made before it was written in pieces. */
function whole(issues: Issue[], suppressed: { issue: Issue; reason: string }[]): string {
  const clean = (i: Issue) => Object.fromEntries(Object.entries(i.document === undefined ? i : { ...i, document: i.document + 1 }).filter(([, v]) => v !== undefined));
  return safeJson({ summary, issues: issues.map(clean), suppressed: suppressed.map((s) => ({ ...clean(s.issue), reason: s.reason })) }) + '\n';
}

describe('issue JSON written in pieces', () => {
  test.each([0, 1, 127, 128, 129, 300])('%i issues: the pieces make the text of one JSON.stringify of the whole', (n) => {
    const issues = many(n);
    const suppressed = issues.slice(0, 2).map((issue) => ({ issue, reason: 'on purpose\u0085' }));
    const pieces: string[] = [];
    writeIssuesJson(issues, suppressed, summary, (p) => pieces.push(p));
    expect(pieces.join('')).toBe(whole(issues, suppressed));
    expect(formatIssuesJson(issues, [], summary)).toBe(whole(issues, []));
  });

  test('documents counted from 1, unsafe characters escaped, parsed back to the issues', () => {
    const text = formatIssuesJson(many(3), [], summary);
    expect(text).not.toMatch(/[\u0085\u202e]/);
    const parsed = JSON.parse(text);
    expect(parsed.issues.map((i: Issue) => i.document)).toEqual([undefined, 2, 3]);
    expect(parsed.issues[1].message).toBe('pods of p-1\u202e cannot reach the cluster DNS');
    expect(parsed.suppressed).toEqual([]);
  });
});
