// Text that came from the input (names, labels, file paths, messages quoting them), made safe to
// show: a terminal executes control characters (ESC starts a sequence that can move the cursor,
// rewrite the screen or set the clipboard; BEL, backspace and CR hide what was printed), and
// bidirectional overrides reorder what the reader sees (the "Trojan Source" trick). Escape the
// data, never the project's own styling.

/**
 * The characters shown escaped: C0 controls (U+0000-001F, including newline and tab), DEL,
 * C1 controls (U+0080-009F: U+009B is CSI in terminals that honour 8-bit controls), the line
 * and paragraph separators (U+2028, U+2029: line breaks in JavaScript and many viewers), and
 * the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
 * U+202A-202E, U+2066-2069).
 */
export const UNSAFE_TEXT_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same without the C0 controls, which JSON.stringify already escapes (`\u001b`). */
export const UNSAFE_CHARS_BEYOND_C0 = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The same set without the global flag (which makes `test` stateful): whether there is anything
 * to escape. Almost every name and message holds none, and a 110k-policy check escapes some
 * 760,000 strings: testing is cheaper than a replace that finds nothing.
 */
const HAS_UNSAFE_TEXT_CHAR = new RegExp(UNSAFE_TEXT_CHARS.source);

const SHORT: { [c: string]: string } = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One unsafe character as `\n`, `\x1b` or `\u202e`. */
export function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return SHORT[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * `s` with every unsafe character written as a visible escape (`\x1b`, `\n`, `\u202e`), for
 * any text output: terminal, comments, CSV, Markdown, Mermaid, Graphviz, HTML. Backslashes are
 * kept as they are (paths on Windows stay readable), so the escape is for display, not reversible.
 */
export function escapeControlChars(s: string): string {
  return hasUnsafeTextChars(s) ? s.replace(UNSAFE_TEXT_CHARS, escapeChar) : s;
}

/** Whether `s` holds a character `escapeControlChars` escapes (when not, it returns `s` itself). */
export function hasUnsafeTextChars(s: string): boolean {
  return HAS_UNSAFE_TEXT_CHAR.test(s);
}
