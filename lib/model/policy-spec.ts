import { copyMap, hasKeys } from './string-map';
import { Issue, Severity } from './issue';
import { LabelSelector } from './label-selector';
import { Rule } from './rule';
import {
  annotationErrors, dns1123LabelErrors, dns1123SubdomainErrors, labelKeyErrors, labelKeyHint, labelValueErrors, labelValueHint, nameHint, namespaceHint,
} from './validation';
import { throwIfErrors } from './validation-error';
import { quote } from './validation/quote';
import { arrayOf, checkFactoryProps, instanceOf, isString, labelMap, oneOf, optional, required, stringMap } from './props-check';

/** The directions a policy governs. */
export enum PolicyType {
  INGRESS = 'Ingress',
  EGRESS = 'Egress',
}

/** Props of a PolicySpec. */
export interface PolicySpecProps {
  /** `metadata.name`: a DNS-1123 subdomain, unique in its namespace. */
  readonly name: string;
  /** `metadata.namespace`: the policy selects pods of this namespace only (rule 3). */
  readonly namespace: string;
  /** Pods of `namespace` the policy applies to; `LabelSelector.everything()` for all of them. */
  readonly podSelector: LabelSelector;
  /**
   * Ingress rules, ORed. An empty list with Ingress in policyTypes denies all ingress.
   * @default - no ingress rules
   */
  readonly ingress?: Rule[];
  /**
   * Egress rules, ORed. An empty list with Egress in policyTypes denies all egress.
   * @default - no egress rules
   */
  readonly egress?: Rule[];
  /**
   * Directions the policy isolates. Always rendered explicitly. When neither this nor any rule
   * list is given (or this is empty), Kubernetes' default applies: Ingress, plus Egress when
   * there are egress rules.
   * @default - Ingress when `ingress` is given, Egress when `egress` is given
   */
  readonly policyTypes?: PolicyType[];
  /** @default - none */
  readonly labels?: { [key: string]: string };
  /** @default - none */
  readonly annotations?: { [key: string]: string };
}

/**
 * One NetworkPolicy, as data: the single value that synthesis, analysis and lint all read.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/
 */
export class PolicySpec {
  /** A validated spec; throws with every API-server error found, each naming its field. */
  public static create(props: PolicySpecProps): PolicySpec {
    checkFactoryProps('PolicySpec.create', POLICY_SPEC_PROPS, props);
    const spec = PolicySpec._of(props);
    throwIfErrors(spec.validate(true));
    return spec;
  }

  /**
   * Builds a spec without validation (the manifest reader validates the JSON itself).
   * @internal
   */
  public static _of(props: PolicySpecProps): PolicySpec {
    return new PolicySpec(props);
  }

  public readonly name: string;
  public readonly namespace: string;
  public readonly podSelector: LabelSelector;
  public readonly ingress: Rule[];
  public readonly egress: Rule[];
  public readonly policyTypes: PolicyType[];
  public readonly labels: { [key: string]: string };
  public readonly annotations: { [key: string]: string };

  private constructor(props: PolicySpecProps) {
    this.name = props.name;
    this.namespace = props.namespace;
    this.podSelector = props.podSelector;
    this.ingress = frozenCopy(props.ingress);
    this.egress = frozenCopy(props.egress);
    this.policyTypes = policyTypesOf(props, this.egress.length > 0);
    this.labels = copyMap(props.labels);
    this.annotations = copyMap(props.annotations);
  }

  /** Whether the policy isolates selected pods for ingress (Ingress in policyTypes). */
  public get isolatesIngress(): boolean {
    return this.policyTypes.includes(PolicyType.INGRESS);
  }

  /** Whether the policy isolates selected pods for egress (Egress in policyTypes). */
  public get isolatesEgress(): boolean {
    return this.policyTypes.includes(PolicyType.EGRESS);
  }

  /** `namespace/name`. */
  public get id(): string {
    // Kept: lint sorts and keys thousands of policies by it.
    return (this.idText ??= `${this.namespace}/${this.name}`);
  }

  private idText?: string;

  /**
   * API-server validation (VALIDATION.md) with JSON field paths.
   * @param strictCidr report non-canonical CIDRs as errors rather than warnings
   */
  public validate(strictCidr?: boolean): Issue[] {
    const issues: Issue[] = [];
    const err = (code: string, field: string, message: string, hint?: string) =>
      issues.push(hint === undefined ? { code, severity: Severity.ERROR, field, message } : { code, severity: Severity.ERROR, field, message, hint });
    if (!this.name) err('V-1', 'metadata.name', 'Required value: name or generateName is required');
    else for (const m of dns1123SubdomainErrors(this.name)) err('V-2', 'metadata.name', `Invalid value: ${quote(this.name)}: ${m}`, nameHint(this.name));
    if (!this.namespace) err('V-3', 'metadata.namespace', 'Required value');
    else for (const m of dns1123LabelErrors(this.namespace)) err('V-3', 'metadata.namespace', `Invalid value: ${quote(this.namespace)}: ${m}`, namespaceHint(this.namespace));
    for (const k in this.labels) {
      const v = this.labels[k];
      for (const m of labelKeyErrors(k)) err('V-4', 'metadata.labels', `Invalid value: ${quote(k)}: ${m}`, labelKeyHint(k));
      for (const m of labelValueErrors(v)) err('V-4', 'metadata.labels', `Invalid value: ${quote(v)}: ${m}`, labelValueHint(v));
    }
    if (hasKeys(this.annotations)) issues.push(...annotationErrors(this.annotations, 'metadata.annotations'));
    issues.push(...this.podSelector.validate('spec.podSelector'));
    // Rules whose peers and ports are all known valid are not given a field path.
    for (let i = 0; i < this.ingress.length; i++) {
      if (!this.ingress[i]._knownValid()) issues.push(...this.ingress[i].validate(`spec.ingress[${i}]`, 'from', strictCidr));
    }
    for (let i = 0; i < this.egress.length; i++) {
      if (!this.egress[i]._knownValid()) issues.push(...this.egress[i].validate(`spec.egress[${i}]`, 'to', strictCidr));
    }
    return issues;
  }
}

/** PolicySpecProps as checked at run time. */
const POLICY_SPEC_PROPS = {
  name: required(isString),
  namespace: required(isString),
  podSelector: required(instanceOf(LabelSelector, 'a LabelSelector (LabelSelector.labels(...), LabelSelector.everything())')),
  ingress: optional(arrayOf(instanceOf(Rule, 'a Rule (Rule.allow(...))'), 'Rule')),
  egress: optional(arrayOf(instanceOf(Rule, 'a Rule (Rule.allow(...))'), 'Rule')),
  policyTypes: optional(arrayOf(oneOf(Object.values(PolicyType)), 'PolicyType')),
  labels: optional(labelMap),
  annotations: optional(stringMap),
};

const NO_RULES: Rule[] = Object.freeze([]) as unknown as Rule[];
const INGRESS_ONLY: PolicyType[] = Object.freeze([PolicyType.INGRESS]) as unknown as PolicyType[];
const EGRESS_ONLY: PolicyType[] = Object.freeze([PolicyType.EGRESS]) as unknown as PolicyType[];
const BOTH: PolicyType[] = Object.freeze([PolicyType.INGRESS, PolicyType.EGRESS]) as unknown as PolicyType[];

function frozenCopy(rules: Rule[] | undefined): Rule[] {
  return rules === undefined || rules.length === 0 ? NO_RULES : Object.freeze(rules.slice()) as Rule[];
}

/** The policy types as the API server stores them: in Kubernetes order (Ingress, Egress), no duplicates. */
function policyTypesOf(props: PolicySpecProps, hasEgressRules: boolean): PolicyType[] {
  let ingress: boolean;
  let egress: boolean;
  if (props.policyTypes !== undefined && props.policyTypes.length > 0) {
    ingress = props.policyTypes.includes(PolicyType.INGRESS);
    egress = props.policyTypes.includes(PolicyType.EGRESS);
  } else if (props.policyTypes === undefined && (props.ingress !== undefined || props.egress !== undefined)) {
    ingress = props.ingress !== undefined;
    egress = props.egress !== undefined;
  } else {
    // docs/semantics.md rule 5: the API server turns a missing or empty policyTypes into Ingress,
    // plus Egress when there are egress rules. Resolved here so the rendered list is never
    // empty and the model isolates exactly what the cluster will.
    ingress = true;
    egress = hasEgressRules;
  }
  return ingress ? (egress ? BOTH : INGRESS_ONLY) : egress ? EGRESS_ONLY : NO_TYPES;
}

const NO_TYPES: PolicyType[] = Object.freeze([]) as unknown as PolicyType[];
