import { Composer, Document, LineCounter, Parser, parseDocument } from 'yaml';
import { Issue, Severity } from '../model';
import { fieldOf, yaml11Booleans } from './read-yaml-booleans';
import { lineOfPath, splitFieldPath } from './read-yaml-locate';
import { isList, listItems } from './list-items';

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
}

/** What `readYaml` found: the objects, and everything that could not be read. */
export interface ReadYamlResult {
  readonly objects: SourcedObject[];
  readonly issues: Issue[];
}

/** Codes of the reader's own issues. */
export const READ_CODES = {
  BINARY: 'read-binary',
  SYNTAX: 'read-syntax',
  YAML_WARNING: 'read-yaml-warning',
  YAML11_BOOLEAN: 'read-yaml11-boolean',
  NOT_OBJECT: 'read-not-an-object',
  NO_KIND: 'read-missing-kind',
  LIST_ITEMS: 'read-list-items',
} as const;

/**
 * Reads every Kubernetes object of a multi-document YAML or JSON text. `List` kinds (and
 * `XxxList`) are flattened into their items. Never throws: malformed YAML, documents that are not
 * objects, objects without `kind`, and binary junk become Issues naming the file, document and line.
 *
 * YAML is read as YAML 1.2 (as cdk8s and most tools write it), so `y`, `yes` or `on` stay strings;
 * because Kubernetes' own YAML 1.1 reader takes them for booleans, each unquoted one is reported.
 */
export function readYaml(text: string, file: string): ReadYamlResult {
  const issues: Issue[] = [];
  const objects: SourcedObject[] = [];
  if (looksBinary(text)) {
    issues.push({
      code: READ_CODES.BINARY, severity: Severity.ERROR, file,
      message: 'this is not a text file (it contains NUL bytes or invalid UTF-8); expected YAML or JSON',
    });
    return { objects, issues };
  }
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer(OPTIONS);
  const strictJson = tryJson(text, file);
  // Documents are composed one at a time and their syntax trees dropped once read; `locate`
  // parses a document again only when a message needs one of its lines.
  const located = new DocumentLines(text, lines);
  let index = -1;
  for (const doc of composer.compose(parser.parse(text))) {
    index++;
    const docLine = firstLine(doc, lines);
    const isJson = strictJson !== undefined && index === 0;
    const range = doc.range ?? [0, 0, text.length];
    located.hold(range[0], range[2], doc);
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
    const booleans = strictJson === undefined ? yaml11Booleans(doc, lines) : [];
    let value: unknown;
    try {
      value = isJson ? strictJson : doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      issues.push({ ...at, code: READ_CODES.SYNTAX, severity: Severity.ERROR, line: docLine, message: `cannot read this document: ${firstSentence(String((e as Error).message ?? e))}` });
      continue;
    }
    for (const b of booleans) {
      issues.push({
        ...at, ...placeIn(value, b.path), code: READ_CODES.YAML11_BOOLEAN, severity: Severity.WARNING, line: b.line,
        message: `the unquoted value ${b.value} is read by Kubernetes (YAML 1.1) as a boolean, not the string "${b.value}"`,
        hint: `quote it: "${b.value}"`,
      });
    }
    if (value === null || value === undefined) continue; // an empty document (`---` at the end) is fine
    if (!isPlainObject(value)) {
      issues.push({
        ...at, code: READ_CODES.NOT_OBJECT, severity: Severity.ERROR, line: docLine,
        message: `expected a Kubernetes object (a mapping with apiVersion and kind), found ${describe(value)}`,
      });
      continue;
    }
    const start = range[0];
    const end = range[2];
    const locateIn = (prefix: Array<string | number>) => (field: string) =>
      located.line(start, end, [...prefix, ...splitFieldPath(field)], docLine);
    const kind = typeof value.kind === 'string' ? value.kind : '';
    if (isList(value)) {
      // Items, however deeply nested, with the kind and apiVersion of a typed list filled in.
      const listIssues: Issue[] = [];
      for (const item of listItems(value, listIssues)) {
        const locate = locateIn(item.path);
        pushObject(item.json, item.kind, { ...at, item: item.path[1] as number, line: locate(''), locate }, objects, issues);
      }
      for (const i of listIssues) issues.push({ ...at, line: (i.code === READ_CODES.NOT_OBJECT ? locateIn([])(i.field ?? '') : undefined) ?? docLine, ...i });
      continue;
    }
    pushObject(value, kind, { ...at, line: docLine, locate: locateIn([]) }, objects, issues);
  }
  located.release();
  return { objects, issues };
}

const OPTIONS = { prettyErrors: false, uniqueKeys: true } as const;

/**
 * Lines of field paths inside the documents of one text. Holds the syntax tree of the document
 * being read; for later look-ups it parses that document's slice of the text again (one at a
 * time, cached), so memory stays proportional to the text, not to its syntax trees.
 */
class DocumentLines {
  private start = -1;
  private root: unknown;
  private lines: LineCounter;
  private offset = 0;

  public constructor(private readonly text: string, private readonly all: LineCounter) {
    this.lines = all;
  }

  /** Uses this parsed document (of the whole text) for look-ups in [start, end). */
  public hold(start: number, _end: number, doc: Document): void {
    this.start = start;
    this.root = doc.contents;
    this.lines = this.all;
    this.offset = 0;
  }

  /** Forgets the held document. */
  public release(): void {
    this.start = -1;
    this.root = undefined;
  }

  /** The 1-based line of `path` in the document at [start, end), or `fallback`. */
  public line(start: number, end: number, path: Array<string | number>, fallback: number | undefined): number | undefined {
    if (this.start !== start) {
      const lines = new LineCounter();
      const doc = parseDocument(this.text.slice(start, end), { ...OPTIONS, lineCounter: lines });
      this.start = start;
      this.root = doc.contents;
      this.lines = lines;
      this.offset = this.all.linePos(start).line - 1;
    }
    const local = lineOfPath(this.root, path, this.lines, undefined);
    return local === undefined ? fallback : local + this.offset;
  }
}

interface Where {
  readonly file: string;
  readonly document: number;
  readonly item?: number;
  readonly line?: number;
  readonly locate: (field: string) => number | undefined;
}

function pushObject(json: { [key: string]: unknown }, kind: string, where: Where, objects: SourcedObject[], issues: Issue[]) {
  const meta = isPlainObject(json.metadata) ? json.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : undefined;
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : undefined;
  const ref = objectRef(kind || 'object', namespace, name);
  if (!kind) {
    const prefix = where.item !== undefined ? `items[${where.item}].` : '';
    issues.push({
      file: where.file, document: where.document, line: where.line, object: ref,
      code: READ_CODES.NO_KIND, severity: Severity.ERROR, field: `${prefix}kind`,
      message: 'missing `kind`: cannot tell what this object is',
      hint: 'add `apiVersion: networking.k8s.io/v1` and `kind: NetworkPolicy` (or the kind it is)',
    });
    return;
  }
  objects.push({ json, kind, name, namespace, ref, ...where });
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

