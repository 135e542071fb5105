import { describe, expect, test } from 'vitest';
import { formatIssueLine, formatIssuesText, writeIssuesText } from '../../lib/cli/format/issues-text';
import { styleFor } from '../../lib/cli/style';
import { Issue, Severity } from '../../lib/model';
import { fakeIo } from './fake-io';

const plain = styleFor(fakeIo().io);
const summary = { errors: 0, warnings: 3000, infos: 0, suppressed: 0, objects: 3000, files: 1 };

function many(n: number): Issue[] {
  return Array.from({ length: n }, (_, k) => ({
    code: 'dns-egress-missing', severity: Severity.WARNING, message: `pods of p-${k} cannot reach the cluster DNS`,
    file: 'big.yaml', document: k, line: 10 * k + 1, object: `NetworkPolicy team/p-${k}`, field: 'spec.policyTypes', hint: 'add an egress rule',
  }));
}

describe('issue text written in pieces', () => {
  test('the pieces are whole lines, in order, and make the same text as formatIssuesText', () => {
    const issues = many(3000);
    const pieces: string[] = [];
    writeIssuesText(issues, [], summary, plain, false, (p) => pieces.push(p));
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.endsWith('\n')).toBe(true);
    const text = pieces.join('');
    expect(text).toBe(formatIssuesText(issues, [], summary, plain, false));
    const lines = text.split('\n');
    expect(lines[0]).toBe('big.yaml:1: warning dns-egress-missing: NetworkPolicy team/p-0 (document 1) spec.policyTypes: pods of p-0 cannot reach the cluster DNS');
    expect(lines[1]).toBe('    fix: add an egress rule');
    expect(lines[2 * 2999]).toContain('(document 3000)');
    expect(lines.slice(-3)).toEqual(['', '0 errors, 3000 warnings, 0 notes in 3000 objects from 1 file', '']);
  });

  test('no findings: the summary alone, without a blank line', () => {
    expect(formatIssuesText([], [], { ...summary, warnings: 0, objects: 1 }, plain, false)).toBe('0 errors, 0 warnings, 0 notes in 1 object from 1 file\n');
  });

  test.each([
    [{ code: 'read-syntax', severity: Severity.ERROR, message: 'bad' }, 'error read-syntax: bad'],
    [{ code: 'x', severity: Severity.INFO, message: 'm', document: 0 }, 'note x: (document 1): m'],
    [{ code: 'x', severity: Severity.INFO, message: 'm', file: 'f', field: 'spec' }, 'f: note x: spec: m'],
    [{ code: 'x', severity: Severity.WARNING, message: 'm\u001b', file: 'a\nb', line: 3, object: 'o\u202e' }, 'a\\nb:3: warning x: o\\u202e: m\\x1b'],
  ] as [Issue, string][])('one line for %j', (issue, line) => {
    expect(formatIssueLine(issue, plain)).toBe(line);
  });
});
