import { Issue, PolicySpec, PolicyType, Severity } from '../model';
import { Code, arr, labels, obj, ref, str } from './code';
import { DEFAULT_DNS_LABELS, DEFAULT_DNS_NAMESPACE, INTENT_ANNOTATION, MANAGED_BY_LABEL } from '../patterns';
import { enumWord, peerCode, portCode, ruleCode, sameJson, selectCode } from './model-code';
import { allowDnsTarget, fitPattern } from './pattern-fit';
import { derivesOwnName } from './derived-name';
import { BOOKKEEPING_ANNOTATIONS } from './metadata-not-carried';

// One policy -> one construct call. The most specific construct that writes exactly the policy
// wins: DefaultDeny, AllowDns, a pattern construct, AllowFrom / AllowTo, and NetworkPolicy (field
// for field) for the rest.

/** A construct call: `new <construct>(<scope>, '<id>', <props>)`. */
export interface ConstructCall {
  readonly construct: string;
  readonly id: string;
  readonly props?: Code;
}

/**
 * Where the pattern constructs (DatabaseTier, AllowMonitoringScrape, ...) are used.
 * - `exact`: only where the construct writes the policy exactly, its labels and annotations
 *   included: nothing changes (e.g. a policy this library wrote, audit metadata and all);
 * - `add-metadata`: wherever the construct writes the same spec, adding its audit metadata
 *   (each addition is a note: `import-pattern-metadata`);
 * - `none`: never; core constructs only.
 */
export type PatternUse = 'exact' | 'add-metadata' | 'none';

/** Code of the note listing the metadata a pattern construct adds to a policy. */
export const PATTERN_METADATA_CODE = 'import-pattern-metadata';

/** Options of `policyCall`. */
export interface PolicyCallOptions {
  /** Where the pattern constructs are used. @default 'exact' */
  readonly patterns?: PatternUse;
  /**
   * Whether the construct writes the audit metadata (the App's setting, else `auditMetadata:
   * false` in its props), so notes list only what it adds. @default 'on'
   */
  readonly audit?: 'on' | 'app-off' | 'construct-off';
}

const POLICY_TYPE = new Map<string, string>([[PolicyType.INGRESS, 'INGRESS'], [PolicyType.EGRESS, 'EGRESS']]);

/** The construct call writing `spec` (in a chart whose namespace is the policy's). */
export function policyCall(spec: PolicySpec, notes: Issue[], options: PolicyCallOptions = {}): ConstructCall {
  const peers = (list: Parameters<typeof peerCode>[0][], field: string) =>
    arr(list.map((p, j) => peerCode(p, `${field}[${j}]`, notes).code));
  const meta = (prefix: string, own: { labels: { [k: string]: string }; annotations: { [k: string]: string } }): Array<[string, Code | undefined]> => [
    ['name', derivesOwnName(prefix, spec.name) ? undefined : str(spec.name)],
    ['labels', Object.keys(own.labels).length > 0 ? labels(own.labels) : undefined],
    ['annotations', annotationsCode(own.annotations)],
    ['auditMetadata', options.audit === 'construct-off' ? ref('false') : undefined],
  ];
  const make = (construct: string, prefix: string, props: Array<[string, Code | undefined]>, own = spec): ConstructCall => {
    const all = obj([...meta(prefix, own), ...props]);
    return { construct, id: spec.name, props: all.t === 'obj' && all.entries.length === 0 ? undefined : all };
  };
  const types = spec.policyTypes.join(',');
  const ing = spec.ingress;
  const eg = spec.egress;
  const pods = spec.podSelector.isEverything() ? undefined : selectCode(spec.podSelector).code;

  // No rules at all: every selected pod is isolated for the listed directions (rules 2, 7).
  if (ing.length === 0 && eg.length === 0) {
    const direction = types === 'Ingress' ? ref('Direction.INGRESS') : types === 'Egress' ? ref('Direction.EGRESS') : undefined;
    return make('DefaultDeny', 'default-deny', [['direction', direction], ['pods', pods]]);
  }
  const dns = allowDnsTarget(spec);
  if (dns) {
    return make('AllowDns', 'allow-dns', [
      ['pods', pods],
      ['dnsNamespace', dns.namespace === DEFAULT_DNS_NAMESPACE ? undefined : str(dns.namespace)],
      ['dnsLabels', sameJson(dns.labels, DEFAULT_DNS_LABELS) ? undefined : labels(dns.labels)],
    ]);
  }
  const use = options.patterns ?? 'exact';
  const fit = use === 'none' ? undefined : fitPattern(spec, (list) => peers(list, 'spec.ingress[0].from'));
  if (fit && (fit.added.length === 0 || use === 'add-metadata')) {
    // With the audit metadata off, a pattern construct adds its pattern label only.
    const off = (a: string) => a.startsWith(`label ${MANAGED_BY_LABEL}=`) || a.startsWith(`annotation ${INTENT_ANNOTATION}=`);
    const added = (options.audit ?? 'on') === 'on' ? fit.added : fit.added.filter((a) => !off(a));
    if (added.length > 0) {
      notes.push({
        code: PATTERN_METADATA_CODE, severity: Severity.INFO, field: 'metadata',
        message: `${fit.construct} adds ${added.join(', ')}; the spec is the same`,
      });
    }
    return make(fit.construct, fit.namePrefix, fit.props, { ...spec, labels: fit.labels, annotations: fit.annotations } as PolicySpec);
  }
  const ports = (rule: PolicySpec['ingress'][number]) => (rule.ports.length > 0 ? arr(rule.ports.map((p) => portCode(p).code)) : undefined);
  if (types === 'Ingress' && eg.length === 0 && ing.length === 1 && ing[0].peers.length > 0) {
    return make('AllowFrom', 'allow', [
      ['to', selectCode(spec.podSelector).code],
      ['from', peers(ing[0].peers, 'spec.ingress[0].from')],
      ['ports', ports(ing[0])],
    ]);
  }
  if (types === 'Egress' && ing.length === 0 && eg.length === 1 && eg[0].peers.length > 0) {
    return make('AllowTo', 'allow', [
      ['from', selectCode(spec.podSelector).code],
      ['to', peers(eg[0].peers, 'spec.egress[0].to')],
      ['ports', ports(eg[0])],
    ]);
  }
  // Field for field. `ingress`/`egress` are written when the direction is isolated or has rules;
  // policyTypes only when that does not already imply it (the construct's default).
  const withIngress = ing.length > 0 || spec.isolatesIngress;
  const withEgress = eg.length > 0 || spec.isolatesEgress;
  const implied = [...(withIngress ? [PolicyType.INGRESS] : []), ...(withEgress ? [PolicyType.EGRESS] : [])].join(',');
  return make('NetworkPolicy', '', [
    ['podSelector', selectCode(spec.podSelector).code],
    ['ingress', withIngress ? arr(ing.map((r, i) => ruleCode(r, `spec.ingress[${i}]`, 'from', notes).code)) : undefined],
    ['egress', withEgress ? arr(eg.map((r, i) => ruleCode(r, `spec.egress[${i}]`, 'to', notes).code)) : undefined],
    ['policyTypes', implied === types ? undefined : arr(spec.policyTypes.map((t) => ref(`PolicyType.${enumWord(POLICY_TYPE, t, 'policy type')}`)))],
  ]);
}


/** The annotations to write: all but tools' bookkeeping (reported by `metadataNotCarried`). */
function annotationsCode(annotations: { [k: string]: string }): Code | undefined {
  const kept = Object.fromEntries(Object.entries(annotations).filter(([k]) => !BOOKKEEPING_ANNOTATIONS.includes(k)));
  return Object.keys(kept).length > 0 ? labels(kept) : undefined;
}
