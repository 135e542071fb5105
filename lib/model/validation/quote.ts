// Quoting input values in messages. Input is hostile: a 20 MB label value must not make a 20 MB
// message line, so long values are abbreviated (the API server quotes values whole).

/** Values longer than this (in UTF-16 code units of their JSON form) are abbreviated in messages. */
export const QUOTE_LIMIT = 60;

/**
 * A value as messages quote it: strings JSON-quoted (`"Allow_DB"`), numbers bare (`0`), as the API
 * server prints them; a longer one is cut to its first QUOTE_LIMIT characters and says how long
 * it is: `"aaaa…" (20971520 characters)`.
 */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= QUOTE_LIMIT) return JSON.stringify(value);
    return `${JSON.stringify(cut(value))}…(${value.length} characters)`;
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined; // a cycle or a BigInt: not from parsed YAML, but never throw from a message
  }
  if (text === undefined) text = String(value);
  return text.length <= QUOTE_LIMIT ? text : `${cut(text)}…(${text.length} characters)`;
}

/** The first QUOTE_LIMIT characters, not splitting a surrogate pair. */
function cut(text: string): string {
  const end = /[\uD800-\uDBFF]/.test(text[QUOTE_LIMIT - 1] ?? '') ? QUOTE_LIMIT - 1 : QUOTE_LIMIT;
  return text.slice(0, end);
}
