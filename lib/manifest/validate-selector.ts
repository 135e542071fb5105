import { Issue, LabelExpression, LabelSelector, LabelSelectorJson, SelectorOperator } from '../model';
import { BAD, Bad, JsonDecoder, child, index, remapIndexes } from './validate-decode';

const SELECTOR_FIELDS = ['matchLabels', 'matchExpressions'] as const;
const EXPRESSION_FIELDS = ['key', 'operator', 'values'] as const;

/** A label selector read from raw JSON: what decoded, and which expressions were kept. */
export interface DecodedSelector {
  readonly json: LabelSelectorJson;
  /** Original indexes of the expressions in `json.matchExpressions` (bad ones are left out). */
  readonly kept: number[];
}

/** Options that ratchet selector validation on update (VALIDATION.md V-10). */
export interface SelectorValidationOptions {
  /** `AllowInvalidLabelValueInSelector`: skip the label-value check of expression values. */
  readonly allowInvalidLabelValues?: boolean;
}

/**
 * Decodes a LabelSelector (`spec.podSelector`, a peer's `podSelector`/`namespaceSelector`).
 * Returns undefined when absent or `null`, BAD when it is not an object at all.
 * @param selects what the selector picks, for messages ("pod", "namespace")
 */
export function decodeSelector(d: JsonDecoder, raw: unknown, path: string, selects: string): DecodedSelector | undefined | Bad {
  const obj = d.object(raw, path, 'a label selector object', typeof raw === 'string'
    ? `a selector is an object: {matchLabels: {${raw.includes('=') ? raw.replace('=', ': ') : `key: ${raw}`}}}`
    : undefined);
  if (obj === undefined || obj === BAD) return obj;

  // A label written directly under the selector (`podSelector: {app: web}`) is an unknown field:
  // dropped, it leaves `{}`, which selects every pod (or namespace).
  d.unknownFields(obj, path, SELECTOR_FIELDS, () => {
    const hints: { [key: string]: string } = {};
    for (const [k, v] of Object.entries(obj)) {
      if ((SELECTOR_FIELDS as readonly string[]).includes(k)) continue;
      const lower = k.toLowerCase();
      if (lower === 'labels' || lower === 'selector') hints[k] = 'did you mean "matchLabels"?';
      else if (lower === 'expressions') hints[k] = 'did you mean "matchExpressions"?';
      if (lower.startsWith('match') || hints[k]) continue; // a misspelled field: closest-name hint
      hints[k] = `labels go under matchLabels: {matchLabels: {${k}: ${JSON.stringify(v)}}}; as written the label is dropped and the selector matches every ${selects}`;
    }
    return hints;
  });

  const json: { matchLabels?: { [key: string]: string }; matchExpressions?: LabelExpression[] } = {};
  const labels = d.stringMap(obj.matchLabels, child(path, 'matchLabels'), 'a map of label keys to values');
  if (labels !== undefined && labels !== BAD) json.matchLabels = labels;

  const kept: number[] = [];
  const exprPath = child(path, 'matchExpressions');
  const list = d.list(obj.matchExpressions, exprPath, 'a list of selector requirements');
  if (list !== undefined && list !== BAD) {
    const expressions: LabelExpression[] = [];
    list.forEach((item, i) => {
      const e = decodeExpression(d, item, index(exprPath, i));
      if (e === BAD) return;
      expressions.push(e);
      kept.push(i);
    });
    json.matchExpressions = expressions;
  }
  return { json, kept };
}

/** One `matchExpressions` entry; BAD when any part fails to decode (it is then not validated). */
function decodeExpression(d: JsonDecoder, raw: unknown, path: string): LabelExpression | Bad {
  if (raw === null || raw === undefined) {
    // Go decodes a null entry as {key: "", operator: ""}, which validation then rejects.
    return { key: '', operator: '' as SelectorOperator };
  }
  const obj = d.object(raw, path, 'a selector requirement {key, operator, values}');
  if (obj === undefined || obj === BAD) return BAD;
  d.unknownFields(obj, path, EXPRESSION_FIELDS);
  const key = d.string(obj.key, child(path, 'key'));
  const operator = d.string(obj.operator, child(path, 'operator'));
  const values = d.stringList(obj.values, child(path, 'values'), 'a list of label values');
  if (key === BAD || operator === BAD || values === BAD || (values ?? []).some((v) => v === BAD)) return BAD;
  const out: LabelExpression = {
    key: key ?? '',
    operator: (operator ?? '') as SelectorOperator,
    ...(values !== undefined ? { values: values as string[] } : {}),
  };
  return out;
}

/** API-server validation (V-5..V-10) of a decoded selector, through `LabelSelector.validate`. */
export function validateSelector(decoded: DecodedSelector, path: string, options: SelectorValidationOptions = {}): Issue[] {
  const issues = LabelSelector._fromJson(decoded.json).validate(path);
  if (issues.length === 0) return issues;
  return ratchetSelectorIssues(remapIndexes(issues, child(path, 'matchExpressions'), decoded.kept), options);
}

/** Drops what the update ratchet tolerates: invalid label values in expressions (V-10). */
export function ratchetSelectorIssues(issues: Issue[], options: SelectorValidationOptions): Issue[] {
  if (!options.allowInvalidLabelValues) return issues;
  return issues.filter((i) => !(i.code === 'V-10' && /\.matchExpressions\[\d+\]\.values\[\d+\]$/.test(i.field ?? '')));
}
