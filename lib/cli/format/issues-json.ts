import { SuppressedIssue } from '../../lint';
import { Issue } from '../../model';
import { IssueSummary } from './issues-text';
import { safeJsonText } from './json';

/**
 * `{"summary": {...}, "issues": [Issue...], "suppressed": [{...Issue, "reason"}]}`: Issues as the
 * library defines them (code, severity, message, field, hint, file, document, line, object), with
 * `document` counted from 1 within its file, as the text and SARIF outputs count it.
 */
export function formatIssuesJson(issues: Issue[], suppressed: SuppressedIssue[], summary: IssueSummary): string {
  let text = '';
  writeIssuesJson(issues, suppressed, summary, (piece) => { text += piece; });
  return text;
}

/** Issues per piece written (about 64 KB of JSON). */
const BATCH = 128;

/**
 * `formatIssuesJson`, handed to `write` in pieces in order: the text `safeJson` gives for the whole
 * object, but made a batch of issues at a time. A 110k-policy check writes 63 MB of JSON, which
 * as one string (and one Buffer for stdout) is copied whole and page-faulted in.
 */
export function writeIssuesJson(issues: Issue[], suppressed: SuppressedIssue[], summary: IssueSummary, write: (piece: string) => void): void {
  // Without its closing `\n}`: the object goes on.
  write(safeJsonText(JSON.stringify({ summary }, undefined, 2).slice(0, -2)));
  write(',\n  "issues": [');
  writeElements(issues, shown, write);
  write(',\n  "suppressed": [');
  writeElements(suppressed, (s) => ({ ...shown(s.issue), reason: s.reason }), write);
  write('\n}\n');
}

/**
 * The elements (`as` shown) of a member array of the top-level object, then its `]`, as JSON.stringify
 * (indented by 2) writes them there: each batch is stringified as that member (`{"x": [...]}`)
 * and cut out of it, so the indentation is JSON.stringify's own.
 */
function writeElements<T>(list: T[], as: (t: T) => unknown, write: (piece: string) => void): void {
  const open = '{\n  "x": ['.length;
  const close = '\n  ]\n}'.length;
  for (let k = 0; k < list.length; k += BATCH) {
    const text = JSON.stringify({ x: list.slice(k, k + BATCH).map(as) }, undefined, 2);
    write(safeJsonText(`${k > 0 ? ',' : ''}${text.slice(open, text.length - close)}`));
  }
  write(list.length > 0 ? '\n  ]' : ']');
}

/** The issue as shown: `document` counted from 1 (JSON.stringify leaves out undefined values). */
function shown(i: Issue): Issue {
  return i.document === undefined ? i : { ...i, document: i.document + 1 };
}
