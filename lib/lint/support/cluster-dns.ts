import { CnpAction, CnpRule, CnpTier } from '../../dialects/cluster-network-policy/model';
import { LabelSelector, Protocol } from '../../model';
import { ipInCidr, parseCidr, parseIp } from '../../model/validation';
import { LintPod, RuleContext } from '../lint-context';
import { inTier, namespaceLabelsOf, selectsPod } from './cluster-policies';

// Whether the Admin tier of ClusterNetworkPolicies accepts a pod's name lookups before any
// NetworkPolicy is consulted (docs/cluster-network-policy.md rules 1-4: Admin policies by
// priority, the first matching rule decides; Accept is final for the direction, Pass hands the
// connection to NetworkPolicy). Baseline policies never help a pod a NetworkPolicy isolates for
// egress: Baseline is reached only for pods no NetworkPolicy selects in that direction.

const DNS_PORT = 53;

/** CNP rule 9: whether the rule's protocol entries admit 53/`protocol` on the DNS pod (a named port takes the pod's number and protocol). */
function portsAdmit(rule: CnpRule, dns: LintPod, protocol: Protocol): boolean {
  if (rule.ports === undefined) return true;
  return rule.ports.some((p) => {
    if (p.kind === 'port') return p.protocol === protocol && p.from <= DNS_PORT && DNS_PORT <= p.to;
    const declared = (dns.ports ?? []).find((c) => c.name === p.name);
    return declared !== undefined && declared.port === DNS_PORT && (declared.protocol ?? Protocol.TCP) === protocol;
  });
}

/** CNP rules 6-8: whether a peer of the rule matches the DNS pod (nodes and domainNames never do for a pod-network pod). */
function peersMatch(rule: CnpRule, dns: LintPod, nsLabels: (ns: string) => { [key: string]: string }): boolean {
  return rule.peers.some((p) => {
    if (p.kind === 'pods') return selectsPod(p.set, dns, nsLabels);
    if (p.kind === 'networks') {
      const ip = dns.ip !== undefined ? parseIp(dns.ip) : undefined;
      return ip !== undefined && p.cidrs.some((c) => {
        const cidr = parseCidr(c);
        return cidr !== undefined && ipInCidr(ip, cidr);
      });
    }
    return false;
  });
}

/** Whether the Admin tier accepts `pod` -> `dns` on 53/`protocol` (a Deny, a Pass or no match: it does not). */
export function adminAcceptsDns(context: RuleContext, pod: LintPod, dns: LintPod, protocol: Protocol): boolean {
  const nsLabels = namespaceLabelsOf(context);
  for (const policy of inTier(context, CnpTier.ADMIN)) {
    if (!selectsPod(policy.spec.subject, pod, nsLabels)) continue;
    const rule = policy.spec.egress.find((r) => portsAdmit(r, dns, protocol) && peersMatch(r, dns, nsLabels));
    if (rule) return rule.action === CnpAction.ACCEPT;
  }
  return false;
}

/**
 * `adminAcceptsDns` for every pod `podSelector` selects in `namespace`, pods unknown: an Admin
 * Accept counts only from a policy whose subject certainly covers them all, and any earlier
 * Deny or Pass from a policy that may apply to some of them stops the search (it may decide first).
 */
export function adminAcceptsDnsForAll(context: RuleContext, namespace: string, podSelector: LabelSelector, dns: LintPod, protocol: Protocol): boolean {
  const nsLabels = namespaceLabelsOf(context);
  for (const policy of inTier(context, CnpTier.ADMIN)) {
    const subject = policy.spec.subject;
    if (!subject.namespaces.matches(nsLabels(namespace))) continue;
    const certain = subject.pods === undefined || subject.pods.isEverything() || JSON.stringify(subject.pods.toJson()) === JSON.stringify(podSelector.toJson());
    const rule = policy.spec.egress.find((r) => portsAdmit(r, dns, protocol) && peersMatch(r, dns, nsLabels));
    if (!rule) continue;
    if (certain) return rule.action === CnpAction.ACCEPT;
    if (rule.action !== CnpAction.ACCEPT) return false;
  }
  return false;
}
