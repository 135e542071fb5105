import { Document, isScalar, LineCounter, Scalar, visit } from 'yaml';

/** Plain scalars that YAML 1.1 (go-yaml v2, under sigs.k8s.io/yaml) reads as booleans. */
const YAML11_BOOLEANS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * Unquoted values such as `yes`, `no`, `on`, `off`, `y`, `n`: this reader (YAML 1.2, like cdk8s
 * and most tools) reads them as strings, but Kubernetes' YAML 1.1 parser reads them as booleans,
 * so a label value `enabled: yes` is rejected by kubectl. Returns each one with its 1-based line.
 */
export function yaml11Booleans(doc: Document, lines: LineCounter): Array<{ value: string; line: number }> {
  const found: Array<{ value: string; line: number }> = [];
  visit(doc, {
    Pair(_, pair) {
      const v = pair.value;
      if (isScalar(v) && v.type === Scalar.PLAIN && typeof v.value === 'string' && YAML11_BOOLEANS.test(v.value) && v.range) {
        found.push({ value: v.value, line: lines.linePos(v.range[0]).line });
      }
    },
    Seq(_, seq) {
      for (const v of seq.items) {
        if (isScalar(v) && v.type === Scalar.PLAIN && typeof v.value === 'string' && YAML11_BOOLEANS.test(v.value) && v.range) {
          found.push({ value: v.value, line: lines.linePos(v.range[0]).line });
        }
      }
    },
  });
  return found;
}
