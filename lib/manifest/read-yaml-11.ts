import { Document, isPair, isScalar, isSeq, LineCounter, Scalar, ScalarTag, Tags, visit } from 'yaml';

// Kubernetes reads YAML as YAML 1.1 (sigs.k8s.io/yaml, a fork of go-yaml v2, then JSON): unquoted
// `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `0443` is octal (291), `8_080` is 8080, `<<` merges
// a mapping. netpol reads YAML the same way, so its verdict is about what the cluster gets; where
// a YAML 1.2 tool (cdk8s, most editors) would read a value otherwise, it says so.

/**
 * go-yaml v2 parses integers with Go's `strconv.ParseInt(s, 0, 64)` after removing `_`, which
 * also takes `0o17` (15); the `yaml` package's YAML 1.1 schema would leave it a string.
 */
const GO_OCTAL: ScalarTag = {
  identify: (v) => typeof v === 'number' && Number.isInteger(v),
  default: true,
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  test: /^[-+]?0o[0-7_]+$/,
  resolve: (s) => (s.startsWith('-') ? -1 : 1) * parseInt(s.replace(/^[-+]?0o/, '').replace(/_/g, ''), 8),
};

/**
 * The YAML 1.1 schema as go-yaml v2 resolves plain scalars: without timestamps (go-yaml keeps
 * them as strings for untyped values) and sexagesimal numbers (`1:20` is a string there), with
 * `0o` octals.
 */
export function kubernetesTags(tags: Tags): Tags {
  const kept = tags.filter((t) => typeof t === 'string'
    ? t !== 'timestamp' && t !== 'intTime' && t !== 'floatTime'
    : !/timestamp$/.test(t.tag) && !('format' in t && t.format === 'TIME'));
  return [...kept, GO_OCTAL];
}

/** Options for `yaml` that read as Kubernetes does. */
export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, version: '1.1', merge: true, customTags: kubernetesTags } as const;

/** An unquoted value whose source text is not how its JSON value prints (`1.10` is 1.1, `yes` is true). */
export interface Retext {
  /** The source text, e.g. `0443`. */
  readonly text: string;
  /** How Kubernetes (and netpol) reads it, e.g. 291. */
  readonly value: unknown;
  /** How a YAML 1.2 reader reads it (443), when that differs from `value`. */
  readonly yaml12?: unknown;
  readonly line: number;
  /** Keys and list indexes from the document's root, e.g. `['metadata', 'labels', 'enabled']`. */
  readonly path: Array<string | number>;
}

/**
 * Every unquoted value of a document (composed with `YAML_OPTIONS`) that is not a string and
 * whose text is not how its value prints: `1.10`, `0443`, `yes`, `8_080`. Those a YAML 1.2 reader
 * would read otherwise carry that reading in `yaml12`.
 */
export function retexts(doc: Document, lines: LineCounter): Retext[] {
  const found: Retext[] = [];
  const check = (v: unknown, path: () => Array<string | number>) => {
    if (!isScalar(v) || v.type !== Scalar.PLAIN || v.tag || typeof v.source !== 'string' || !v.range) return;
    if (typeof v.value === 'string' || v.value === null || v.source === String(v.value)) return;
    const yaml12 = readAsYaml12(v.source);
    found.push({
      text: v.source, value: v.value, line: lines.linePos(v.range[0]).line, path: path(),
      ...(Object.is(yaml12, v.value) ? {} : { yaml12 }),
    });
  };
  visit(doc, {
    Pair(_, pair, ancestors) {
      check(pair.value, () => [...pathOf(ancestors, pair), keyOf(pair)]);
    },
    Seq(_, seq, ancestors) {
      seq.items.forEach((v, i) => check(v, () => [...pathOf(ancestors, seq), i]));
    },
  });
  return found;
}

/** How the YAML 1.2 core schema reads a plain scalar. */
export function readAsYaml12(s: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(s)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(s)) return false;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(s)) return NaN;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s)) return parseFloat(s);
  return s;
}

/** How a value reads in a message: `the boolean true`, `the number 291`, `the string "8_080"`. */
export function describeReading(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (typeof v === 'number') return `the number ${v}`;
  return `the string ${JSON.stringify(v)}`;
}

/** The keys and indexes leading to `node`, whose ancestors (root first) are given. */
function pathOf(ancestors: readonly unknown[], node: unknown): Array<string | number> {
  const path: Array<string | number> = [];
  const chain = [...ancestors, node];
  chain.forEach((a, i) => {
    if (isPair(a) && i < chain.length - 1) path.push(keyOf(a));
    else if (isSeq(a) && i < chain.length - 1) path.push(a.items.indexOf(chain[i + 1] as never));
  });
  return path;
}

function keyOf(pair: { key: unknown }): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** `metadata.labels.enabled`, `items[0].spec.ports[1]`. */
export function fieldOf(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${p}`)).join('');
}
