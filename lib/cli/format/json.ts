import { UNSAFE_CHARS_BEYOND_C0 } from '../../model/untrusted-text';

/**
 * JSON text of `value`, indented by 2, that is safe to print on a terminal and to embed in
 * JavaScript: JSON.stringify escapes the C0 controls but writes DEL, the C1 controls (U+009B is
 * CSI in some terminals), U+2028/U+2029 (line breaks in older JavaScript) and the bidirectional
 * overrides raw. Here they are written as `\u009b` etc.: the same JSON value, parsed back exactly.
 */
export function safeJson(value: unknown, replacer?: (key: string, value: unknown) => unknown, indent: number = 2): string {
  return safeJsonText(JSON.stringify(value, replacer, indent));
}

/** JSON text (of JSON.stringify, whole or a piece of it) with the characters `safeJson` escapes escaped. */
export function safeJsonText(json: string): string {
  // JSON text outside its strings is printable ASCII and whitespace: every such character is in a string.
  return json.replace(UNSAFE_CHARS_BEYOND_C0, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
