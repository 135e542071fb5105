import { LabelSelector, Peer, PolicySpec, PolicyType, Rule } from '../model';
import { labelKeyErrors, labelKeyHint, labelValueErrors, labelValueHint, toDnsName } from '../model/validation';
import { DnsTarget, dnsEgressRule } from './dns';
import { RecipeScope, childName, patternPolicy } from './recipe';

export const TENANT_ISOLATION_PATTERN = 'tenant-isolation';
export const DEFAULT_TENANT_LABEL = 'tenant';

export interface TenantIsolationRecipe extends RecipeScope {
  /** The tenants: values of `tenantLabel`. One policy each, named `<name>-<tenant>`. */
  readonly tenants: string[];
  /** The label key whose value names a pod's tenant. @default 'tenant' */
  readonly tenantLabel?: string;
  /**
   * Whether a tenant's pods in other namespaces count as the same tenant.
   * @default false: only same-tenant pods of this namespace
   */
  readonly acrossNamespaces?: boolean;
  /** Let tenant pods resolve names. @default true */
  readonly allowDns?: boolean;
  /** Where DNS runs. @default kube-system pods `k8s-app: kube-dns` */
  readonly dns?: DnsTarget;
}

/**
 * Per tenant, one policy selecting that tenant's pods for both directions, allowing ingress from
 * and egress to pods with the same tenant value (plus egress to DNS). NetworkPolicy has no
 * "same value as the target" selector, so each tenant needs its own policy. Pods carrying no tenant
 * label are not selected and stay as other policies leave them.
 */
export function tenantIsolation(r: TenantIsolationRecipe): PolicySpec[] {
  const key = r.tenantLabel ?? DEFAULT_TENANT_LABEL;
  if (r.tenants.length === 0) throw new Error('TenantIsolation: `tenants` is empty; list the tenant label values, e.g. ["a", "b"]');
  // Each tenant is a value of the tenant label, so both follow the label syntax (V-5, V-6).
  const bad = [
    ...labelKeyErrors(key).map((m) => withHint(`tenantLabel: Invalid value: ${JSON.stringify(key)}: ${m}`, labelKeyHint(key))),
    ...r.tenants.flatMap((t, i) => labelValueErrors(t).map((m) => withHint(`tenants[${i}]: Invalid value: ${JSON.stringify(t)}: ${m}`, labelValueHint(t)))),
  ];
  if (bad.length > 0) throw new Error(bad.map((line) => `TenantIsolation: ${line}`).join('\n'));
  const seen = new Map<string, string>();
  for (const tenant of r.tenants) {
    const suffix = toDnsName(tenant);
    const other = seen.get(suffix);
    if (other !== undefined) {
      throw new Error(other === tenant
        ? `TenantIsolation: tenant ${JSON.stringify(tenant)} is listed twice`
        : `TenantIsolation: tenants ${JSON.stringify(other)} and ${JSON.stringify(tenant)} would both be named "${childName(r.name, suffix)}"; rename one`);
    }
    seen.set(suffix, tenant);
  }
  return [...r.tenants].sort().map((tenant) => {
    const labels = { [key]: tenant };
    const same = r.acrossNamespaces ? Peer.pods(labels).inAnyNamespace() : Peer.pods(labels);
    const where = r.acrossNamespaces ? 'in any namespace' : `in namespace ${r.namespace}`;
    const allowDns = r.allowDns ?? true;
    const intent = `pods labelled ${key}=${tenant} may reach and be reached only by pods labelled ${key}=${tenant} ${where}`
      + (allowDns ? ', plus DNS' : '');
    return patternPolicy(TENANT_ISOLATION_PATTERN, intent, {
      name: childName(r.name, toDnsName(tenant)),
      namespace: r.namespace,
      labels: r.labels,
      annotations: r.annotations,
      podSelector: LabelSelector.labels(labels),
      policyTypes: [PolicyType.INGRESS, PolicyType.EGRESS],
      ingress: [Rule.allow({ peers: [same] })],
      egress: [Rule.allow({ peers: [same] }), ...(allowDns ? [dnsEgressRule(r.dns)] : [])],
    });
  });
}

function withHint(message: string, hint: string | undefined): string {
  return hint === undefined ? message : `${message} (${hint})`;
}
