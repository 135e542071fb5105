import { isScalar, parseDocument, Scalar } from 'yaml';
import { YAML_OPTIONS } from './read-yaml-11';
import { LineEntry, LineNode } from './read-yaml-locate';

// A fast reader for "plain" YAML: the block mappings and lists, plain scalars and one-line quoted
// strings that `kubectl get -o yaml`, Helm and `yaml.stringify` write. It reads such a text about
// ten times faster than composing it with the `yaml` package, and indexes each field's line on
// the way. Anything outside that subset (anchors, aliases, tags, flow collections with content,
// block scalars, multi-line scalars, tabs, non-ASCII text, directives, duplicate keys, `__proto__`
// keys, values YAML 1.1 reads otherwise than they print, deep nesting) makes it give up, and the
// caller reads the text with the `yaml` package instead, which reports or bounds all of them. So
// whatever it accepts, it reads exactly as `yaml` with YAML_OPTIONS does (test/manifest/
// read-yaml-plain.test.ts compares the two).

/** One document read by `readPlainYaml`. */
export interface PlainDocument {
  /** The document's value as `Document.toJS` gives it (null for an empty document). */
  readonly value: unknown;
  /** 1-based line of the document's first content, when it has any. */
  readonly line: number | undefined;
  /** Offset of the start of that line (for `plainLines`). */
  readonly start: number;
}

/** Nesting (collections in collections) past which the `yaml` package reads the text instead, to apply its bounds. */
const MAX_PLAIN_DEPTH = 64;

/** The documents of `text`, or undefined when it is not plain YAML (read it with `yaml`). */
export function readPlainYaml(text: string): PlainDocument[] | undefined {
  if (!PLAIN_TEXT.test(text)) return undefined;
  try {
    return new PlainReader(text, false).documents();
  } catch (e) {
    if (e === NOT_PLAIN) return undefined;
    throw e;
  }
}

/**
 * The lines of the fields of a document `readPlainYaml` read (given its `line` and `start`).
 * Indexed on demand, document by document: most documents never need one, and holding every
 * field's line of a large export would cost more than reading one document again.
 */
export function plainLines(text: string, doc: PlainDocument): LineEntry {
  if (doc.line === undefined) return undefined;
  const reader = new PlainReader(text, true);
  return reader.linesAt(doc.start, doc.line);
}

/**
 * The line of `key` in the root mapping of a document `readPlainYaml` read, found by scanning its
 * lines instead of indexing them all (what `plainLines` then `lineIn` give for a one-key path);
 * undefined when the root has no such key. In plain YAML a root key is the only line at the
 * root's indentation starting with `key:` (nested mappings are indented further, list items
 * start with `-`, scalars take one line).
 */
export function plainRootKeyLine(text: string, doc: PlainDocument, key: string): number | undefined {
  if (doc.line === undefined) return undefined;
  let col = 0;
  while (text.charCodeAt(doc.start + col) === SPACE) col++;
  let at = doc.start;
  let line = doc.line;
  while (at < text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    if (nl === at + 3 && text.startsWith('---', at)) return undefined; // the next document
    const k = at + col;
    const after = k + key.length + 1;
    if (after <= nl && text.charCodeAt(k) !== SPACE && (col === 0 || text.charCodeAt(k - 1) === SPACE)
      && text.charCodeAt(after - 1) === 0x3a /* : */ && (after === nl || text.charCodeAt(after) === SPACE)
      && text.startsWith(key, k) && isIndented(text, at, col)) return line;
    at = nl + 1;
    line++;
  }
  return undefined;
}

function isIndented(text: string, at: number, col: number): boolean {
  for (let i = at; i < at + col; i++) if (text.charCodeAt(i) !== SPACE) return false;
  return true;
}

/** Printable ASCII and line feeds only: no tabs, CRs, BOMs or other characters YAML treats specially. */
const PLAIN_TEXT = /^[\x20-\x7E\n]*$/;

const NOT_PLAIN = new Error('not plain YAML');
/** No value given (`key:` or `-` with nothing after it). */
const NONE = Symbol('none');

const SPACE = 0x20;
const DASH = 0x2d;
const HASH = 0x23;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

/** Plain scalars YAML 1.1 reads as booleans or null: keys and values so written are left to `yaml`. */
const WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', 'null', 'Null', 'NULL']);

/** A plain scalar read as a string in both YAML 1.1 and 1.2: starts with a letter, `_` or `/`; no indicator or comment inside. */
const STRING = /^[A-Za-z_/][A-Za-z0-9_./=+\-:@~() ]*$/;
/** A plain scalar of a digit, sign or dot, resolved by `yaml` itself (and cached). */
const OTHER = /^[0-9.+\-][A-Za-z0-9_./=+\-:@~() ]*$/;
/** A decimal integer that prints as written (no leading zero, `_` or sign, exact in a double). */
const INT = /^(?:0|[1-9][0-9]{0,14})$/;

/** How `yaml` (YAML_OPTIONS) reads plain scalars that are not plainly strings; NOT_PLAIN when it reads one otherwise than it prints. */
const resolved = new Map<string, unknown>();

function resolvePlain(s: string): unknown {
  // `a: b: c` is an error, and a trailing `:` makes a key: both left to `yaml`.
  if (s.includes(': ') || s.endsWith(':')) throw NOT_PLAIN;
  if (STRING.test(s)) {
    if (WORDS.has(s)) throw NOT_PLAIN;
    return s;
  }
  if (INT.test(s)) return Number(s);
  if (!OTHER.test(s)) throw NOT_PLAIN;
  let v = resolved.get(s);
  if (v === undefined) {
    const doc = parseDocument(s, YAML_OPTIONS);
    const node = doc.contents;
    v = NOT_PLAIN;
    if (doc.errors.length === 0 && doc.warnings.length === 0 && isScalar(node) && node.type === Scalar.PLAIN && node.source === s) {
      const value = node.value;
      if (typeof value === 'string' || (typeof value === 'number' && String(value) === s)) v = value;
    }
    if (resolved.size < 10_000) resolved.set(s, v);
  }
  if (v === NOT_PLAIN) throw NOT_PLAIN;
  return v;
}

/** Reads plain YAML line by line; throws NOT_PLAIN at the first thing outside the subset. */
class PlainReader {
  /** Start of the current content line (the one being read). */
  private pos = 0;
  /** End of the current line (its `\n`, or the text's end). */
  private end = 0;
  /** Column of the current line's first character that is not a space. */
  private indent = 0;
  /** 1-based number of the current line. */
  private lineNo = 0;
  /** True when the current line is a content line of the current document. */
  private inDoc = false;
  /** Line number at which the next `advance` starts. */
  private nextLineNo = 1;
  private next = 0;
  private depth = 0;
  /** The lines of the collection last read (when indexing lines). */
  private read: LineNode | undefined;

  public constructor(private readonly text: string, private readonly withLines: boolean) {}

  public linesAt(start: number, line: number): LineEntry {
    this.next = start;
    this.nextLineNo = line;
    this.advance();
    this.node(this.indent, this.pos + this.indent);
    return this.read;
  }

  public documents(): PlainDocument[] {
    const docs: PlainDocument[] = [];
    // Content before the first `---` is a document only if there is some.
    this.advance();
    if (this.inDoc) docs.push(this.document());
    while (this.atMarker()) {
      this.advance();
      docs.push(this.inDoc ? this.document() : { value: null, line: undefined, start: this.next });
    }
    return docs;
  }

  private document(): PlainDocument {
    const line = this.lineNo;
    const start = this.pos;
    const value = this.node(this.indent, this.pos + this.indent);
    if (this.inDoc) throw NOT_PLAIN; // something left over at a lower indentation
    return { value, line, start };
  }

  /** True when the line at `next` is a document marker (`---`); any other marker or directive is not plain. */
  private atMarker(): boolean {
    return this.markerAt(this.next);
  }

  private markerAt(at: number): boolean {
    const t = this.text;
    if (at >= t.length) return false;
    const c = t.charCodeAt(at);
    if (c === 0x25 /* % */) throw NOT_PLAIN;
    if (c === DASH && t.startsWith('---', at)) {
      const after = t.charCodeAt(at + 3);
      if (at + 3 === t.length || after === 0x0a) {
        this.skipLine(at);
        return true;
      }
      if (after === SPACE) throw NOT_PLAIN;
    }
    if (c === 0x2e /* . */ && t.startsWith('...', at)) throw NOT_PLAIN;
    return false;
  }

  private skipLine(at: number): void {
    const nl = this.text.indexOf('\n', at);
    this.next = nl < 0 ? this.text.length + 1 : nl + 1;
    this.nextLineNo++;
  }

  /** Moves to the next content line of this document (skipping blank and comment lines); clears `inDoc` at a marker or the end. */
  private advance(): void {
    const t = this.text;
    for (;;) {
      const at = this.next;
      if (at >= t.length) {
        this.next = t.length + 1;
        this.inDoc = false;
        return;
      }
      if (this.markerAt(at)) {
        // Leave `next` at the marker for `documents`: undo the skip.
        this.next = at;
        this.nextLineNo--;
        this.inDoc = false;
        return;
      }
      let nl = t.indexOf('\n', at);
      if (nl < 0) nl = t.length;
      let i = at;
      while (i < nl && t.charCodeAt(i) === SPACE) i++;
      const lineNo = this.nextLineNo;
      this.next = nl + 1;
      this.nextLineNo++;
      if (i === nl || t.charCodeAt(i) === HASH) continue;
      this.pos = at;
      this.end = nl;
      this.indent = i - at;
      this.lineNo = lineNo;
      this.inDoc = true;
      return;
    }
  }

  /** True when the text at `at` on the current line is a list entry (`-` then a space or the line's end). */
  private isDash(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.end || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** The collection starting at `at` (column `col`) on the current line. */
  private node(col: number, at: number): unknown {
    if (++this.depth > MAX_PLAIN_DEPTH) throw NOT_PLAIN;
    const out = this.isDash(at) ? this.list(col, at) : this.map(col, at);
    this.depth--;
    return out;
  }

  /** The value of an entry whose text is empty after its `-` or `key:`: the block on the next lines, deeper than `col`. */
  private blockValue(col: number, sameIndentList: boolean): unknown {
    this.advance();
    if (!this.inDoc) return NONE;
    if (this.indent > col) return this.node(this.indent, this.pos + this.indent);
    if (sameIndentList && this.indent === col && this.isDash(this.pos + col)) return this.node(col, this.pos + col);
    return NONE;
  }

  private list(col: number, first: number): unknown[] {
    const value: unknown[] = [];
    const entries: LineEntry[] | undefined = this.withLines ? [] : undefined;
    const line = this.lineNo;
    let at = first;
    for (;;) {
      const itemLine = this.lineNo;
      let r = at + 1;
      while (r < this.end && this.text.charCodeAt(r) === SPACE) r++;
      if (r === this.end) {
        const block = this.blockValue(col, false);
        if (block === NONE) throw NOT_PLAIN; // an empty item: left to `yaml`
        value.push(block);
        entries?.push(this.read);
      } else if (this.isDash(r) || this.isKey(r)) {
        value.push(this.node(r - this.pos, r));
        entries?.push(this.read);
      } else {
        value.push(this.withLines ? null : this.scalar(r));
        entries?.push(itemLine);
        this.advance();
        if (this.inDoc && this.indent > col) throw NOT_PLAIN;
      }
      if (!this.inDoc || this.indent < col) break;
      if (this.indent > col) throw NOT_PLAIN;
      if (!this.isDash(this.pos + col)) break; // a key of the map this list is the value of, at the same indentation
      at = this.pos + col;
    }
    if (entries) this.read = { line, entries };
    return value;
  }

  /** True when a key (`key:` then a space or the line's end) starts at `at`. */
  private isKey(at: number): boolean {
    return this.colonOf(at) >= 0;
  }

  /** Position of the `:` ending a key that starts at `at`, or -1. */
  private colonOf(at: number): number {
    // Within the line only: a search running on to the next colon would make a text of many
    // lines without one quadratic.
    const t = this.text;
    const end = this.end;
    for (let i = at; i < end; i++) {
      if (t.charCodeAt(i) === 0x3a /* : */ && (i + 1 === end || t.charCodeAt(i + 1) === SPACE)) return i;
    }
    return -1;
  }

  private map(col: number, first: number): { [key: string]: unknown } {
    const t = this.text;
    const value: { [key: string]: unknown } = {};
    const entries: { [key: string]: LineEntry } | undefined = this.withLines ? {} : undefined;
    const line = this.lineNo;
    let at = first;
    for (;;) {
      const colon = this.colonOf(at);
      if (colon < 0) throw NOT_PLAIN;
      const key = t.slice(at, colon);
      if (entries) {
        // Indexing lines of a document already read: its keys and values are known to be plain.
        entries[key] = this.lineNo;
      } else if (Object.prototype.hasOwnProperty.call(value, keyOf(key))) {
        throw NOT_PLAIN; // a duplicate key: `yaml` reports it
      }
      const keyLine = this.lineNo;
      let r = colon + 1;
      while (r < this.end && t.charCodeAt(r) === SPACE) r++;
      if (r === this.end) {
        const block = this.blockValue(col, true);
        value[key] = block === NONE ? null : block;
        if (entries) entries[key] = block === NONE ? keyLine : { line: keyLine, entries: this.read!.entries };
      } else {
        const c = t.charCodeAt(r);
        const flow = (c === 0x7b /* { */ || c === 0x5b /* [ */) ? emptyFlow(t.slice(r, this.end).trimEnd()) : undefined;
        if (flow !== undefined) {
          value[key] = flow;
          if (entries) entries[key] = { line: keyLine, entries: Array.isArray(flow) ? [] : {} };
        } else if (!entries) {
          value[key] = this.scalar(r);
        }
        this.advance();
        if (this.inDoc && this.indent > col) throw NOT_PLAIN;
      }
      if (!this.inDoc || this.indent < col) break;
      if (this.indent > col || this.isDash(this.pos + col)) throw NOT_PLAIN;
      at = this.pos + col;
    }
    if (entries) this.read = { line, entries };
    return value;
  }

  /** The scalar from `at` to the end of the current line: plain, or quoted without escapes. */
  private scalar(at: number): unknown {
    const t = this.text;
    const s = t.slice(at, this.end).trimEnd();
    const c = s.charCodeAt(0);
    if (c === DQUOTE || c === SQUOTE) {
      const close = s.indexOf(s[0], 1);
      if (close !== s.length - 1 || (c === DQUOTE && s.includes('\\'))) throw NOT_PLAIN;
      return s.slice(1, -1);
    }
    return resolvePlain(s);
  }
}

/** A key as `yaml` reads it into JSON: plain strings, and decimal integers (which print as written). */
function keyOf(s: string): string {
  if (s === '__proto__' || s.endsWith(':') || s.endsWith(' ')) throw NOT_PLAIN; // `__proto__` is kept as data by `yaml`, which reads it instead
  if (STRING.test(s) && !WORDS.has(s)) return s;
  if (INT.test(s)) return s;
  throw NOT_PLAIN;
}

function emptyFlow(s: string): unknown {
  if (s === '{}') return {};
  if (s === '[]') return [];
  return undefined;
}
