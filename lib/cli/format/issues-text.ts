import { SuppressedIssue } from '../../lint';
import { Issue } from '../../model';
import { escapeControlChars as t, hasUnsafeTextChars } from '../../model/untrusted-text';
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

/**
 * Text written in pieces of about this many characters: a 110k-policy check prints 43 MB, which as
 * one string (and one Buffer for stdout) is copied whole and page-faulted in; pieces this size are
 * short-lived young objects and reuse the same memory.
 */
const PIECE = 64 * 1024;

/** `file:line: severity code: object (document n) field: message`, then the fix, one issue per block. */
export function formatIssuesText(issues: Issue[], suppressed: SuppressedIssue[], summary: IssueSummary, style: Style, verbose: boolean): string {
  let text = '';
  writeIssuesText(issues, suppressed, summary, style, verbose, (piece) => { text += piece; });
  return text;
}

/** `formatIssuesText`, handed to `write` in pieces (whole lines) in order. */
export function writeIssuesText(issues: Issue[], suppressed: SuppressedIssue[], summary: IssueSummary, style: Style, verbose: boolean, write: (piece: string) => void): void {
  let piece = '';
  let any = false;
  for (const i of issues) {
    piece += formatIssueLine(i, style) + '\n';
    if (i.hint) piece += hintLine(i.hint, style) + '\n';
    if (piece.length >= PIECE) {
      write(piece);
      piece = '';
    }
    any = true;
  }
  if (verbose) {
    for (const s of suppressed) {
      piece += `${formatIssueLine(s.issue, style)} ${style.dim(`(suppressed: ${t(s.reason)})`)}\n`;
      if (piece.length >= PIECE) {
        write(piece);
        piece = '';
      }
      any = true;
    }
  }
  const parts = [
    plural(summary.errors, 'error'),
    plural(summary.warnings, 'warning'),
    plural(summary.infos, 'note'),
  ];
  const tail = summary.suppressed > 0 ? `, ${summary.suppressed} suppressed` : '';
  const verdict = summary.errors > 0 ? style.red(parts.join(', ')) : summary.warnings > 0 ? style.yellow(parts.join(', ')) : style.green(parts.join(', '));
  write(`${piece}${any ? '\n' : ''}${verdict}${tail} in ${plural(summary.objects, 'object')} from ${plural(summary.files, 'file')}\n`);
}

/** One issue on one line: where first, then what. Text from the input is shown with control characters escaped. */
export function formatIssueLine(i: Issue, style: Style): string {
  // Escaping changes nothing in a line with nothing to escape (no control character from the input,
  // no colour): laid out raw and tested once, instead of escaping (and so flattening, in memory
  // kept as long as the issue) each field of a 110k-policy export's 127k findings.
  const raw = issueLine(i, style, same);
  return hasUnsafeTextChars(raw) ? issueLine(i, style, t) : raw;
}

function issueLine(i: Issue, style: Style, esc: (s: string) => string): string {
  // Concatenated, not joined from arrays: one line per finding of a 110k-policy export.
  let line = i.file ? `${style.bold(`${esc(i.file)}${i.line !== undefined ? `:${i.line}` : ''}`)}: ` : '';
  line += i.severity === 'error' ? style.red('error') : i.severity === 'warning' ? style.yellow('warning') : style.cyan('note');
  line += ` ${style.dim(esc(i.code))}: `;
  let obj = i.object ? esc(i.object) : '';
  if (i.document !== undefined) obj += `${obj ? ' ' : ''}(document ${i.document + 1})`;
  if (i.field) obj += `${obj ? ' ' : ''}${esc(i.field)}`;
  return `${line}${obj ? obj + ': ' : ''}${esc(i.message)}`;
}

/** The fix under an issue, escaped as `formatIssueLine` escapes. */
function hintLine(hint: string, style: Style): string {
  const raw = `    ${style.dim('fix:')} ${hint}`;
  return hasUnsafeTextChars(raw) ? `    ${style.dim('fix:')} ${t(hint)}` : raw;
}

function same(s: string): string {
  return s;
}

function plural(n: number, w: string): string {
  return `${n} ${w}${n === 1 ? '' : 's'}`;
}
