import { CnpAction, CnpSpec } from '../dialects/cluster-network-policy/model';
import { labelMapIssues } from '../manifest/validate-object-meta';
import { Issue, Port, Severity } from '../model';
import { selectorsDisjoint } from '../model/selector-disjoint';
import { NetpolValidationError } from '../model/validation-error';
import { ClusterPolicyInput, clusterObjectRef, importedName } from './cluster-policy-code';

// Cluster policies the ClusterNetworkPolicy constructs cannot write: refused before any code is
// generated, each an error naming the policy and the field, never approximated.

/** Code of an input the ClusterNetworkPolicy constructs cannot write. */
export const CLUSTER_UNREPRESENTABLE_CODE = 'import-cluster-policy-unrepresentable';

/** v1alpha2 caps every list at 25 items; v1alpha1 allowed 100. */
const MAX_ITEMS = 25;

/**
 * What the ClusterNetworkPolicy constructs cannot write, as errors naming policy and field:
 * v1alpha1 lists longer than v1alpha2's 25 items, domain names in rules other than Accept,
 * named ports the library's Port refuses, invalid labels, two inputs that become one name, and
 * two overlapping policies of one tier with one priority (which decides is implementation-defined,
 * docs/cluster-network-policy.md rule 2; the constructs refuse it).
 */
export function clusterPolicyProblems(inputs: ClusterPolicyInput[]): Issue[] {
  const out: Issue[] = [];
  const refuse = (spec: CnpSpec, field: string, message: string, hint?: string) => out.push({
    code: CLUSTER_UNREPRESENTABLE_CODE, severity: Severity.ERROR, object: clusterObjectRef(spec), field,
    message: `${message}; the ClusterNetworkPolicy constructs cannot write it, so it is not imported`, ...(hint ? { hint } : {}),
  });
  for (const { spec, labels: own } of inputs) {
    // An object known by its generateName only is refused by metadataNotCarried, as a NetworkPolicy is.
    for (const i of labelMapIssues(own ?? {}, 'metadata.labels')) refuse(spec, i.field ?? 'metadata.labels', i.message, i.hint);
    const tooMany = (field: string, n: number) => {
      if (n > MAX_ITEMS) refuse(spec, field, `Too many: ${n}: ClusterNetworkPolicy (v1alpha2) allows at most ${MAX_ITEMS} items`, 'split the policy into several, with consecutive priorities');
    };
    for (const key of ['ingress', 'egress'] as const) {
      tooMany(`spec.${key}`, spec[key].length);
      spec[key].forEach((r, i) => {
        const f = `spec.${key}[${i}]`;
        const peersKey = key === 'ingress' ? 'from' : 'to';
        tooMany(`${f}.${peersKey}`, r.peers.length);
        if (r.ports) tooMany(`${f}.protocols`, r.ports.length);
        r.peers.forEach((p, j) => {
          if (p.kind === 'networks') tooMany(`${f}.${peersKey}[${j}].networks`, p.cidrs.length);
          if (p.kind === 'domainNames' && r.action !== CnpAction.ACCEPT) {
            refuse(spec, `${f}.action`, `Invalid value: "${r.action}": domainNames peers are only supported in Accept rules`, 'accept the domains, then deny the rest in a later rule');
          }
        });
        (r.ports ?? []).forEach((p, j) => {
          if (p.kind !== 'named') return;
          try {
            Port.named(p.name);
          } catch (e) {
            // The library's named port is a container port name (IANA service name); the CRD takes any string.
            const first = e instanceof NetpolValidationError ? e.issues[0] : undefined;
            refuse(spec, `${f}.protocols[${j}].destinationNamedPort`, first ? first.message : `Invalid value: ${JSON.stringify(p.name)}: ${(e as Error).message}`, first?.hint);
          }
        });
      });
    }
  }
  const byName = new Map<string, CnpSpec>();
  for (const { spec } of inputs) {
    const name = importedName(spec);
    const other = byName.get(name);
    if (other) {
      refuse(spec, 'metadata.name', `${clusterObjectRef(spec)} and ${clusterObjectRef(other)} would both be written as ClusterNetworkPolicy ${JSON.stringify(name)}`, 'rename one of them in the input');
    } else byName.set(name, spec);
  }
  for (let i = 0; i < inputs.length; i++) {
    for (let j = i + 1; j < inputs.length; j++) {
      // A BaselineAdminNetworkPolicy has no priority to change (it is written with 0): the other one is named.
      const [a, b] = inputs[j].spec.source === 'BaselineAdminNetworkPolicy' ? [inputs[j].spec, inputs[i].spec] : [inputs[i].spec, inputs[j].spec];
      if (a.tier !== b.tier || a.priority !== b.priority || !mayOverlap(a, b)) continue;
      const what = a.source === 'BaselineAdminNetworkPolicy' ? `${clusterObjectRef(a)} (written as ClusterNetworkPolicy ${importedName(a)}, priority ${a.priority})` : clusterObjectRef(a);
      refuse(b, 'spec.priority', `${b.tier} priority ${b.priority} is also given to ${what}, and the two may apply to the same connections: which one decides is implementation-defined`,
        a.source === 'BaselineAdminNetworkPolicy' ? `give this policy another priority in the input, e.g. priority: ${Math.min(1000, b.priority + 1)}`
          : `give one of them another priority in the input, e.g. priority: ${Math.min(1000, b.priority + 1)}`);
    }
  }
  return out;
}

/**
 * Whether two policies may both match one connection: a shared direction and subjects that may
 * share a pod. The same test as the constructs' managed priorities (lib/constructs/cluster/priorities.ts),
 * so that the program never fails synthesis on a tie the import let through.
 */
function mayOverlap(a: CnpSpec, b: CnpSpec): boolean {
  const dirs = (s: CnpSpec) => [...(s.ingress.length ? ['ingress'] : []), ...(s.egress.length ? ['egress'] : [])];
  if (!dirs(a).some((d) => dirs(b).includes(d))) return false;
  if (selectorsDisjoint(a.subject.namespaces, b.subject.namespaces)) return false;
  const [pa, pb] = [a.subject.pods, b.subject.pods];
  return !(pa && pb && selectorsDisjoint(pa, pb));
}

