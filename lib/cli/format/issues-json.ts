import { SuppressedIssue } from '../../lint';
import { Issue } from '../../model';
import { IssueSummary } from './issues-text';
import { safeJson } from './json';

/**
 * `{"summary": {...}, "issues": [Issue...], "suppressed": [{...Issue, "reason"}]}`: Issues as the
 * library defines them (code, severity, message, field, hint, file, document, line, object), with
 * `document` counted from 1 within its file, as the text and SARIF outputs count it.
 */
export function formatIssuesJson(issues: Issue[], suppressed: SuppressedIssue[], summary: IssueSummary): string {
  return safeJson({
    summary,
    issues: issues.map(clean),
    suppressed: suppressed.map((s) => ({ ...clean(s.issue), reason: s.reason })),
  }) + '\n';
}

function clean(i: Issue): Issue {
  const shown = i.document === undefined ? i : { ...i, document: i.document + 1 };
  return Object.fromEntries(Object.entries(shown).filter(([, v]) => v !== undefined)) as unknown as Issue;
}
