import { Document, isPair, isScalar, isSeq, LineCounter, Scalar, visit } from 'yaml';

/** Plain scalars that YAML 1.1 (go-yaml v2, under sigs.k8s.io/yaml) reads as booleans. */
const YAML11_BOOLEANS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** One unquoted YAML 1.1 boolean: its text, 1-based line and path in the document. */
export interface Yaml11Boolean {
  readonly value: string;
  readonly line: number;
  /** Keys and list indexes from the document's root, e.g. `['metadata', 'labels', 'enabled']`. */
  readonly path: Array<string | number>;
}

/**
 * Unquoted values such as `yes`, `no`, `on`, `off`, `y`, `n`: this reader (YAML 1.2, like cdk8s
 * and most tools) reads them as strings, but Kubernetes' YAML 1.1 parser reads them as booleans,
 * so a label value `enabled: yes` is rejected by kubectl. Returns each one with its line and path.
 */
export function yaml11Booleans(doc: Document, lines: LineCounter): Yaml11Boolean[] {
  const found: Yaml11Boolean[] = [];
  const isBoolean = (v: unknown): v is Scalar =>
    isScalar(v) && v.type === Scalar.PLAIN && typeof v.value === 'string' && YAML11_BOOLEANS.test(v.value) && v.range !== undefined;
  visit(doc, {
    Pair(_, pair, ancestors) {
      const v = pair.value;
      if (isBoolean(v)) found.push({ value: String(v.value), line: lines.linePos(v.range![0]).line, path: [...pathOf(ancestors, pair), keyOf(pair)] });
    },
    Seq(_, seq, ancestors) {
      seq.items.forEach((v, i) => {
        if (isBoolean(v)) found.push({ value: String(v.value), line: lines.linePos(v.range![0]).line, path: [...pathOf(ancestors, seq), i] });
      });
    },
  });
  return found;
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
