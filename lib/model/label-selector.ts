import { Issue, Severity } from './issue';
import { labelKeyErrors, labelKeyHint, labelValueErrors, labelValueHint } from './validation';
import { throwIfErrors } from './validation-error';
import { checkedOnce } from './checked-once';
import { copyMap, entry, hasKeys, mergeMaps } from './string-map';
import { quote } from './validation/quote';
import { arrayOf, checkArg, checkArgs, instanceOf, isString, labelMap, optional, required, struct } from './props-check';

/** The expressions of a selector without any, shared (frozen). */
const NO_EXPRESSIONS: LabelExpression[] = Object.freeze([]) as unknown as LabelExpression[];

/** Operators of a label selector requirement. */
export enum SelectorOperator {
  /** The key is present and its value is one of `values`. */
  IN = 'In',
  /** The key is absent, or its value is none of `values`. */
  NOT_IN = 'NotIn',
  /** The key is present, whatever its value. */
  EXISTS = 'Exists',
  /** The key is absent. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** One `matchExpressions` requirement. */
export interface LabelExpression {
  readonly key: string;
  readonly operator: SelectorOperator;
  /**
   * Required (non-empty) for In and NotIn; forbidden for Exists and DoesNotExist.
   * @default - none
   */
  readonly values?: string[];
}

/** JSON form of a Kubernetes LabelSelector. */
export interface LabelSelectorJson {
  readonly matchLabels?: { [key: string]: string };
  readonly matchExpressions?: LabelExpression[];
}

/** A LabelExpression as checked at run time; the operator's value is the API server's to judge (V-7). */
const EXPRESSION = struct({ key: required(isString), operator: required(isString), values: optional(arrayOf(isString, 'strings')) });

/**
 * A Kubernetes label selector: every `matchLabels` pair and every expression must hold
 * (apimachinery semantics, docs/semantics.md rule 19). An empty selector matches everything, so it can
 * only be made on purpose with `LabelSelector.everything()`.
 */
export class LabelSelector {
  /** Selects objects carrying all the given labels. At least one label is required. */
  public static labels(matchLabels: { [key: string]: string }): LabelSelector {
    return LabelSelector.checkedOf('LabelSelector.labels', 'matchLabels', matchLabels, []);
  }

  /** Selects objects matching all the given expressions (and labels, when given). */
  public static of(matchLabels: { [key: string]: string }, ...expressions: LabelExpression[]): LabelSelector {
    return LabelSelector.checkedOf('LabelSelector.of', 'matchLabels', matchLabels, expressions);
  }

  /** Selects objects matching all the given expressions. */
  public static expressions(...expressions: LabelExpression[]): LabelSelector {
    return LabelSelector.checkedOf('LabelSelector.expressions', 'matchLabels', {}, expressions);
  }

  /**
   * A selector from labels and expressions given by a caller, checked as if from plain
   * JavaScript: the label map's own keys are read before it is copied (an own `__proto__` key
   * is refused, never turned into a prototype), every value is a string, every expression has
   * only `key`, `operator` and `values`. The operator and the syntax of keys and values are then
   * checked as the API server does.
   * @internal
   */
  public static _checked(where: string, argument: string, matchLabels: { [key: string]: string }): LabelSelector {
    return LabelSelector.checkedOf(where, argument, matchLabels, []);
  }

  private static checkedOf(where: string, argument: string, matchLabels: { [key: string]: string }, expressions: LabelExpression[]): LabelSelector {
    checkArg(where, argument, labelMap, matchLabels);
    if (expressions.length > 0) checkArgs(where, 'expressions', EXPRESSION, expressions);
    const selector = new LabelSelector(matchLabels, expressions);
    if (selector.isEverything()) {
      throw new Error(
        'LabelSelector: an empty selector matches every object; use LabelSelector.everything() if that is what you mean',
      );
    }
    throwIfErrors(selector.validate('selector'));
    return selector;
  }

  /** The empty selector `{}`: matches every object. */
  public static everything(): LabelSelector {
    return new LabelSelector({}, []);
  }

  /**
   * Builds a selector from JSON without throwing; call `validate()` for its issues.
   * @internal
   */
  public static _fromJson(json: LabelSelectorJson | undefined | null): LabelSelector {
    return new LabelSelector(copyMap(json?.matchLabels ?? undefined), [...(json?.matchExpressions ?? [])]);
  }

  /** Label pairs that must all be present. */
  public readonly matchLabels: { [key: string]: string };
  /** Requirements that must all hold. */
  public readonly matchExpressions: LabelExpression[];

  private constructor(matchLabels: { [key: string]: string }, expressions: LabelExpression[]) {
    this.matchLabels = Object.freeze(copyMap(matchLabels));
    this.matchExpressions = expressions.length === 0 ? NO_EXPRESSIONS : Object.freeze(
      expressions.map((e) => Object.freeze({ ...e, values: e.values ? [...e.values] : undefined })),
    ) as LabelExpression[];
  }

  /** True for `{}`, which matches everything. */
  public isEverything(): boolean {
    return this.matchExpressions.length === 0 && !hasKeys(this.matchLabels);
  }

  /** Whether an object with these labels is selected. */
  public matches(labels: { [key: string]: string }): boolean {
    for (const [k, v] of Object.entries(this.matchLabels)) {
      if (entry(labels, k) !== v) return false;
    }
    for (const e of this.matchExpressions) {
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      const values = e.values ?? [];
      switch (e.operator) {
        case SelectorOperator.IN:
          if (!has || !values.includes(labels[e.key])) return false;
          break;
        case SelectorOperator.NOT_IN: // an absent key satisfies NotIn
          if (has && values.includes(labels[e.key])) return false;
          break;
        case SelectorOperator.EXISTS:
          if (!has) return false;
          break;
        case SelectorOperator.DOES_NOT_EXIST:
          if (has) return false;
          break;
        default:
          return false; // an unknown operator never matches (and fails validation)
      }
    }
    return true;
  }

  /** The selector and another, both required. */
  public and(other: LabelSelector): LabelSelector {
    checkArg('LabelSelector.and', 'other', SELECTOR, other);
    return new LabelSelector(mergeMaps(this.matchLabels, other.matchLabels), [
      ...this.matchExpressions,
      ...other.matchExpressions,
    ]);
  }

  /** JSON with keys sorted; empty parts omitted (so `{}` renders as `{}`). */
  public toJson(): LabelSelectorJson {
    const out: { matchLabels?: { [key: string]: string }; matchExpressions?: LabelExpression[] } = {};
    const keys = Object.keys(this.matchLabels).sort();
    if (keys.length > 0) out.matchLabels = Object.fromEntries(keys.map((k) => [k, this.matchLabels[k]]));
    if (this.matchExpressions.length > 0) {
      out.matchExpressions = this.matchExpressions.map((e) =>
        e.values === undefined
          ? { key: e.key, operator: e.operator }
          : { key: e.key, operator: e.operator, values: [...e.values] },
      );
    }
    return out;
  }

  /** A short human form: `app=web,tier in (a,b)` or `{}` (everything). */
  public toString(): string {
    if (this.isEverything()) return '{}';
    const parts = Object.keys(this.matchLabels)
      .sort()
      .map((k) => `${k}=${this.matchLabels[k]}`);
    for (const e of this.matchExpressions) {
      const op = e.operator === SelectorOperator.IN ? 'in' : e.operator === SelectorOperator.NOT_IN ? 'notin' : '';
      if (op) parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`);
      else parts.push(e.operator === SelectorOperator.EXISTS ? e.key : `!${e.key}`);
    }
    return parts.join(',');
  }

  /**
   * API-server validation (V-5..V-10) with paths under `field`, in apimachinery's order
   * (`ValidateLabelSelector`): every expression (operator, key, values), then `matchLabels`.
   */
  public validate(field: string): Issue[] {
    return checkedOnce(this, () => this.findIssues(field));
  }

  private findIssues(field: string): Issue[] {
    const issues: Issue[] = [];
    const err = (code: string, f: string, message: string, hint?: string) =>
      issues.push(hint === undefined ? { code, severity: Severity.ERROR, field: f, message } : { code, severity: Severity.ERROR, field: f, message, hint });
    this.matchExpressions.forEach((e, i) => {
      const p = `${field}.matchExpressions[${i}]`;
      const values = e.values ?? [];
      // ValidateLabelSelectorRequirement: the operator decides what `values` must be (V-7..V-9);
      // the key and each value are checked whatever the operator (V-10).
      if (e.operator === SelectorOperator.IN || e.operator === SelectorOperator.NOT_IN) {
        if (values.length === 0) err('V-8', `${p}.values`, "Required value: must be specified when `operator` is 'In' or 'NotIn'", 'list at least one value, or use Exists / DoesNotExist');
      } else if (e.operator === SelectorOperator.EXISTS || e.operator === SelectorOperator.DOES_NOT_EXIST) {
        if (values.length > 0) err('V-9', `${p}.values`, "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", 'remove `values`, or use In / NotIn');
      } else {
        const ops = Object.values(SelectorOperator) as string[];
        const fix = ops.find((o) => o.toLowerCase() === String(e.operator).toLowerCase());
        err('V-7', `${p}.operator`, `Invalid value: ${quote(e.operator)}: not a valid selector operator`, fix ? `did you mean "${fix}"?` : `use one of ${ops.join(', ')}`);
      }
      for (const m of labelKeyErrors(String(e.key ?? ''))) err('V-10', `${p}.key`, `Invalid value: ${quote(e.key)}: ${m}`, labelKeyHint(String(e.key ?? '')));
      values.forEach((v, j) => {
        for (const m of labelValueErrors(String(v))) err('V-10', `${p}.values[${j}]`, `Invalid value: ${quote(v)}: ${m}`, labelValueHint(String(v)));
      });
    });
    for (const k in this.matchLabels) {
      const v = this.matchLabels[k];
      for (const m of labelKeyErrors(k)) err('V-5', `${field}.matchLabels`, `Invalid value: ${quote(k)}: ${m}`, labelKeyHint(k));
      if (typeof v !== 'string') {
        err('V-6', `${field}.matchLabels`, `Invalid value: ${quote(v)}: label values must be strings`, `quote it: "${String(v)}"`);
        continue;
      }
      for (const m of labelValueErrors(v)) err('V-6', `${field}.matchLabels`, `Invalid value: ${quote(v)}: ${m}`, labelValueHint(v));
    }
    return issues;
  }
}

const SELECTOR = instanceOf(LabelSelector, 'a LabelSelector');
