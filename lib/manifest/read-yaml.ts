import { Composer, Document, LineCounter } from 'yaml';
import { Issue, Severity } from '../model';
import { describeReading, fieldOf, Retext, retexts, YAML_OPTIONS } from './read-yaml-11';
import { boundedTokens, MAX_ALIAS_EXPANSION, MAX_ALIASES, MAX_DEPTH, measure, TooDeep } from './read-yaml-limits';
import { ComposedDocLines, DocLines, HeldLines, PlainDocLines } from './read-yaml-doc-lines';
import { linesOf, splitFieldPath } from './read-yaml-locate';
import { readPlainYaml } from './read-yaml-plain';
import { isList, listItems } from './list-items';
import { markPlainJson } from './validate-decode';

/**
 * One Kubernetes object read from a file, tagged with where it came from so that every message
 * about it can name the file, the document, the object and the field (with its line).
 */
export interface SourcedObject {
  /** The object as plain JSON (what `kubectl apply` would send). */
  readonly json: { [key: string]: unknown };
  /** `kind`, or '' when missing. */
  readonly kind: string;
  /** `metadata.name`, when present. */
  readonly name?: string;
  /** `metadata.namespace`, when present. */
  readonly namespace?: string;
  /** The file name as given by the caller (`-` for stdin). */
  readonly file: string;
  /** 0-based index of the YAML document in the file. */
  readonly document: number;
  /** 0-based index in the `items` of a `List` document, when the object came from one. */
  readonly item?: number;
  /** 1-based line where the object starts, when known. */
  readonly line?: number;
  /** `Kind namespace/name` (or `Kind name` for cluster-scoped objects). */
  readonly ref: string;
  /** The 1-based line of a field path inside this object (`spec.ingress[0].from[1]`), or of its nearest present ancestor. */
  readonly locate: (field: string) => number | undefined;
  /**
   * A fix hint with each value quoted as the source wrote it: `quote it: "1.1"` about a field
   * written `1.10` becomes `quote it: "1.10"` (values under `field`, or in the whole object).
   */
  readonly requote?: (hint: string, field?: string) => string;
}

/** What `readYaml` found: the objects, and everything that could not be read. */
export interface ReadYamlResult {
  readonly objects: SourcedObject[];
  readonly issues: Issue[];
}

/** Options of `readYaml`. */
export interface ReadYamlOptions {
  /** A file found in a directory walk: one that is no Kubernetes manifest at all is skipped with a note. */
  readonly skipNonManifest?: boolean;
  /** False to compose every text with the `yaml` package, even plain YAML (tests compare both readers). */
  readonly plain?: boolean;
}

/** Codes of the reader's own issues. */
export const READ_CODES = {
  BINARY: 'read-binary',
  SYNTAX: 'read-syntax',
  YAML_WARNING: 'read-yaml-warning',
  YAML11_BOOLEAN: 'read-yaml11-boolean',
  YAML11_NUMBER: 'read-yaml11-number',
  LIMIT: 'read-limit',
  SKIPPED: 'input-skipped',
  NOT_OBJECT: 'read-not-an-object',
  NO_KIND: 'read-missing-kind',
  LIST_ITEMS: 'read-list-items',
} as const;

/**
 * Reads every Kubernetes object of a multi-document YAML or JSON text. `List` kinds (and
 * `XxxList`) are flattened into their items. Never throws: malformed YAML, documents that are not
 * objects, objects without `kind`, and binary junk become Issues naming the file, document and line.
 *
 * YAML is read as Kubernetes reads it (YAML 1.1 like go-yaml v2: `yes` is true, `0443` is 291,
 * `<<` merges), so verdicts are about what the cluster gets; each unquoted value that a YAML 1.2
 * reader (cdk8s, most tools) reads otherwise is reported as a warning.
 *
 * Bounded: nesting deeper than MAX_DEPTH, more than MAX_ALIASES aliases, or aliases adding more
 * than MAX_ALIAS_EXPANSION values make a `read-limit` error naming the document, and nothing of
 * it is read further.
 *
 * With `skipNonManifest` (files found in a directory walk), a text none of whose documents is a
 * Kubernetes object (a `package.json`, a `Chart.yaml`, a tool's JSON output) gives one note
 * instead of errors, and no objects.
 */
export function readYaml(text: string, file: string, options: ReadYamlOptions = {}): ReadYamlResult {
  const issues: Issue[] = [];
  const objects: SourcedObject[] = [];
  if (looksBinary(text)) {
    issues.push({
      code: READ_CODES.BINARY, severity: Severity.ERROR, file,
      message: 'this is not a text file (it contains NUL bytes or invalid UTF-8); expected YAML or JSON',
    });
    return { objects, issues };
  }
  const plain = options.plain === false ? undefined : readPlainYaml(text);
  if (plain !== undefined) {
    // The common case, read without composing syntax trees (see read-yaml-plain.ts).
    // Field lines are indexed when a message needs one, one document at a time (the last one kept).
    const held: HeldLines = { doc: undefined, lines: undefined };
    for (const d of plain) if (d.value !== null && typeof d.value === 'object') markPlainJson(d.value);
    plain.forEach((d, index) => readValue(d.value, { file, document: index }, new PlainDocLines(text, d, held), NO_TEXTS, objects, issues));
    return skipped(objects, issues, file, options);
  }
  const lines = new LineCounter();
  const composer = new Composer(OPTIONS);
  let tooDeep: TooDeep | undefined;
  const tokens = boundedTokens(text, lines.addNewLine, (at) => { tooDeep = at; });
  const strictJson = tryJson(text, file);
  // Documents are composed one at a time; the lines of their fields are indexed and their
  // syntax trees dropped once read.
  let index = -1;
  for (const doc of composer.compose(tokens)) {
    index++;
    const docLine = firstLine(doc, lines);
    const isJson = strictJson !== undefined && index === 0;
    const at = { file, document: index };
    const yamlErrors = doc.errors;
    if (yamlErrors.length > 0 && !isJson) {
      for (const e of yamlErrors) {
        issues.push({
          ...at, code: READ_CODES.SYNTAX, severity: Severity.ERROR,
          line: e.pos ? lines.linePos(e.pos[0]).line : docLine,
          message: `YAML syntax error: ${firstSentence(e.message)}`,
        });
      }
      continue;
    }
    for (const w of doc.warnings) {
      issues.push({ ...at, code: READ_CODES.YAML_WARNING, severity: Severity.WARNING, line: w.pos ? lines.linePos(w.pos[0]).line : docLine, message: firstSentence(w.message) });
    }
    const texts = strictJson === undefined ? retexts(doc, lines) : [];
    let value: unknown;
    try {
      value = isJson ? strictJson : doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      const aliases = e instanceof ReferenceError && /alias/i.test(e.message);
      issues.push(aliases
        ? { ...at, code: READ_CODES.LIMIT, severity: Severity.ERROR, line: docLine, message: `this document uses aliases (*name) more than ${MAX_ALIASES} times, counting nested ones; netpol refuses it as a resource exhaustion attack`, hint: 'write the values out, or use fewer aliases' }
        : { ...at, code: READ_CODES.SYNTAX, severity: Severity.ERROR, line: docLine, message: `cannot read this document: ${firstSentence(String((e as Error).message ?? e))}` });
      continue;
    }
    const size = isJson ? undefined : measure(value);
    if (size !== undefined && (size.added > MAX_ALIAS_EXPANSION || size.depth > MAX_DEPTH)) {
      issues.push({
        ...at, code: READ_CODES.LIMIT, severity: Severity.ERROR, line: docLine,
        message: size.added > MAX_ALIAS_EXPANSION
          ? `aliases (*name) expand this document by more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values; netpol refuses it as a resource exhaustion attack`
          : `aliases (*name) nest this document more than ${MAX_DEPTH} levels deep; netpol reads at most ${MAX_DEPTH}`,
        hint: 'write the values out, or use fewer aliases',
      });
      continue;
    }
    readValue(value, at, new ComposedDocLines(docLine, linesOf(doc.contents, lines)), texts, objects, issues);
  }
  if (tooDeep !== undefined) {
    issues.push({
      file, document: index + 1, line: lines.linePos(tooDeep.offset).line, code: READ_CODES.LIMIT, severity: Severity.ERROR,
      message: `nested more than ${MAX_DEPTH} levels deep; netpol reads at most ${MAX_DEPTH} (Kubernetes objects are far shallower), so this document and any after it are not read`,
    });
  }
  return skipped(objects, issues, file, options);
}

/** The result, or one note instead of errors for a walked file that is no Kubernetes manifest at all. */
function skipped(objects: SourcedObject[], issues: Issue[], file: string, options: { skipNonManifest?: boolean }): ReadYamlResult {
  if (options.skipNonManifest && objects.length === 0 && issues.some((i) => NOT_MANIFEST.has(i.code)) && issues.every((i) => NOT_MANIFEST.has(i.code) || i.severity !== Severity.ERROR)) {
    return { objects, issues: [{ file, code: READ_CODES.SKIPPED, severity: Severity.INFO, message: 'not a Kubernetes manifest (no document is an object with a kind); skipped' }] };
  }
  return { objects, issues };
}

/** Reads one document's value into objects (a List's items) and issues. */
function readValue(value: unknown, at: { file: string; document: number }, lines: DocLines, texts: Retext[], objects: SourcedObject[], issues: Issue[]): void {
  const docLine = lines.docLine;
  for (const t of texts) {
    if (!('yaml12' in t)) continue;
    const boolean = typeof t.value === 'boolean';
    issues.push({
      ...at, ...placeIn(value, t.path), code: boolean ? READ_CODES.YAML11_BOOLEAN : READ_CODES.YAML11_NUMBER, severity: Severity.WARNING, line: t.line,
      message: `the unquoted value ${t.text} is read by Kubernetes (YAML 1.1) as ${describeReading(t.value)}, and so by netpol; a YAML 1.2 reader (cdk8s, most editors) reads ${describeReading(t.yaml12)}`,
      hint: boolean || typeof t.yaml12 !== 'number'
        ? `quote it if the text is meant: "${t.text}"${boolean ? '' : `; write ${t.value} if the number is`}`
        : `write ${t.value} or ${t.yaml12}, whichever is meant, so every reader agrees`,
    });
  }
  if (value === null || value === undefined) return; // an empty document (`---` at the end) is fine
  if (!isPlainObject(value)) {
    issues.push({
      ...at, code: READ_CODES.NOT_OBJECT, severity: Severity.ERROR, line: docLine,
      message: `expected a Kubernetes object (a mapping with apiVersion and kind), found ${describe(value)}`,
    });
    return;
  }
  const kind = typeof value.kind === 'string' ? value.kind : '';
  if (isList(value)) {
    // Items, however deeply nested, with the kind and apiVersion of a typed list filled in.
    const listIssues: Issue[] = [];
    for (const item of listItems(value, listIssues)) {
      const locate = lines.locateIn(item.path);
      pushObject(item.json, item.kind, at, item.path[1] as number, locate(''), locate, requoteIn(texts, item.path), objects, issues);
    }
    for (const i of listIssues) issues.push({ ...at, line: (i.code === READ_CODES.NOT_OBJECT ? lines.locateIn(NO_PATH)(i.field ?? '') : undefined) ?? docLine, ...i });
    return;
  }
  pushObject(value, kind, at, undefined, docLine, lines.locateIn(NO_PATH), requoteIn(texts, NO_PATH), objects, issues);
}

/** No value read otherwise than written, as in every plain text (never written to). */
const NO_TEXTS: Retext[] = [];

/** The path of a document's root (never written to). */
const NO_PATH: Array<string | number> = [];

/** What requotes the hints about the object at `prefix`; none when no value was read otherwise than written (the common case). */
function requoteIn(texts: Retext[], prefix: Array<string | number>): ((hint: string, field?: string) => string) | undefined {
  if (texts.length === 0) return undefined;
  return (hint: string, field?: string) => requote(hint, texts, [...prefix, ...splitFieldPath(field ?? '')]);
}

const OPTIONS = YAML_OPTIONS;

/** Reader errors that mean a text is not a Kubernetes manifest at all (in a walk, it is skipped). */
const NOT_MANIFEST = new Set<string>([READ_CODES.NOT_OBJECT, READ_CODES.NO_KIND]);

/** `hint` with `"<value>"` replaced by `"<source text>"` for each value written under `path`. */
function requote(hint: string, texts: Retext[], path: Array<string | number>): string {
  let out = hint;
  for (const t of texts) {
    if (path.some((p, i) => t.path[i] !== p)) continue;
    out = out.split(`"${String(t.value)}"`).join(`"${t.text}"`);
  }
  return out;
}

/** Pushes the object with where it came from (every SourcedObject built here, with one shape), or a missing-kind error. */
function pushObject(json: { [key: string]: unknown }, kind: string, at: { file: string; document: number }, item: number | undefined, line: number | undefined,
  locate: (field: string) => number | undefined, requote: ((hint: string, field?: string) => string) | undefined, objects: SourcedObject[], issues: Issue[]) {
  const meta = isPlainObject(json.metadata) ? json.metadata : undefined;
  const name = meta !== undefined && typeof meta.name === 'string' ? meta.name : undefined;
  const namespace = meta !== undefined && typeof meta.namespace === 'string' ? meta.namespace : undefined;
  const ref = objectRef(kind || 'object', namespace, name);
  if (!kind) {
    const prefix = item !== undefined ? `items[${item}].` : '';
    issues.push({
      file: at.file, document: at.document, line, object: ref,
      code: READ_CODES.NO_KIND, severity: Severity.ERROR, field: `${prefix}kind`,
      message: 'missing `kind`: cannot tell what this object is',
      hint: 'add `apiVersion: networking.k8s.io/v1` and `kind: NetworkPolicy` (or the kind it is)',
    });
    return;
  }
  objects.push({ json, kind, name, namespace, ref, file: at.file, document: at.document, item, line, locate, requote });
}

/** The object (a List's item when the path runs through `items`) and field a path points at. */
function placeIn(value: unknown, path: Array<string | number>): { object?: string; field: string } {
  if (!isPlainObject(value)) return { field: fieldOf(path) };
  const listed = path[0] === 'items' && typeof path[1] === 'number' && Array.isArray(value.items) && isPlainObject(value.items[path[1]]);
  const obj = (listed ? (value.items as unknown[])[path[1] as number] : value) as { [key: string]: unknown };
  const meta = isPlainObject(obj.metadata) ? obj.metadata : {};
  const kind = typeof obj.kind === 'string' && obj.kind ? obj.kind : 'object';
  const ref = objectRef(kind, typeof meta.namespace === 'string' ? meta.namespace : undefined, typeof meta.name === 'string' ? meta.name : undefined);
  return { object: ref, field: fieldOf(listed ? path.slice(2) : path) };
}

/** `Kind namespace/name`, `Kind name` or `Kind (unnamed)`. */
export function objectRef(kind: string, namespace?: string, name?: string): string {
  if (!name) return `${kind} (unnamed)`;
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

function firstLine(doc: Document, lines: LineCounter): number | undefined {
  const contents = doc.contents;
  const start = contents?.range?.[0] ?? doc.range?.[0];
  return start === undefined ? undefined : lines.linePos(start).line;
}

function tryJson(text: string, file: string): unknown {
  const trimmed = text.trimStart();
  if (!/\.json$/i.test(file) && !trimmed.startsWith('{')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 8192);
  let bad = 0;
  for (const ch of sample) if (ch === '\uFFFD' || /[\u0001-\u0008\u000E-\u001F]/.test(ch)) bad++;
  return sample.length > 0 && bad / sample.length > 0.05;
}

function isPlainObject(v: unknown): v is { [key: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v)}`;
  return `a ${typeof v} (${String(v)})`;
}

function firstSentence(message: string): string {
  return message.split('\n')[0].trim();
}

