import { SuppressedIssue } from '../../lint';
import { Issue } from '../../model';
import { escapeControlChars as t } from '../../model/untrusted-text';
import { Style } from '../style';

/** Counts by severity. */
export interface IssueSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly suppressed: number;
  readonly objects: number;
  readonly files: number;
}

/** `file:line: severity code: object (document n) field: message`, then the fix, one issue per block. */
export function formatIssuesText(issues: Issue[], suppressed: SuppressedIssue[], summary: IssueSummary, style: Style, verbose: boolean): string {
  const lines: string[] = [];
  for (const i of issues) {
    lines.push(formatIssueLine(i, style));
    if (i.hint) lines.push(`    ${style.dim('fix:')} ${t(i.hint)}`);
  }
  if (verbose) {
    for (const s of suppressed) lines.push(`${formatIssueLine(s.issue, style)} ${style.dim(`(suppressed: ${t(s.reason)})`)}`);
  }
  const parts = [
    plural(summary.errors, 'error'),
    plural(summary.warnings, 'warning'),
    plural(summary.infos, 'note'),
  ];
  const tail = summary.suppressed > 0 ? `, ${summary.suppressed} suppressed` : '';
  const verdict = summary.errors > 0 ? style.red(parts.join(', ')) : summary.warnings > 0 ? style.yellow(parts.join(', ')) : style.green(parts.join(', '));
  lines.push(`${lines.length > 0 ? '\n' : ''}${verdict}${tail} in ${plural(summary.objects, 'object')} from ${plural(summary.files, 'file')}`);
  return lines.join('\n') + '\n';
}

/** One issue on one line: where first, then what. Text from the input is shown with control characters escaped. */
export function formatIssueLine(i: Issue, style: Style): string {
  const where = i.file ? `${t(i.file)}${i.line !== undefined ? `:${i.line}` : ''}` : '';
  const sev = i.severity === 'error' ? style.red('error') : i.severity === 'warning' ? style.yellow('warning') : style.cyan('note');
  const obj = [i.object, i.document !== undefined ? `(document ${i.document + 1})` : '', i.field].filter(Boolean).map((x) => t(String(x))).join(' ');
  return `${where ? style.bold(where) + ': ' : ''}${sev} ${style.dim(t(i.code))}: ${obj ? obj + ': ' : ''}${t(i.message)}`;
}

function plural(n: number, w: string): string {
  return `${n} ${w}${n === 1 ? '' : 's'}`;
}
