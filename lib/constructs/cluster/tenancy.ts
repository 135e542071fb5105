import { Construct } from 'constructs';
import { LabelSelector, NAMESPACE_NAME_LABEL, SelectorOperator } from '../../model';
import { arrayOf, isString, optional, propsIssues, required } from '../../model/props-check';
import { NetpolValidationError } from '../../model/validation-error';
import { labelKeyErrors, labelKeyHint, labelValueErrors, labelValueHint } from '../../model/validation';
import { errorLines } from '../policy-object';
import { derivePolicyName } from '../policy-name';
import { ClusterNetworkPolicy, SUBJECT } from './cluster-network-policy';
import { ClusterPolicyObject } from './cluster-policy-object';
import { ClusterDnsOptions, ClusterIntentOptions, DNS_SCHEMA, INTENT_OPTIONS, dnsRule } from './guardrails';
import { ClusterPeer, ClusterSubject } from './peers';
import { ClusterPolicyAction, ClusterPolicyTier } from './rule';

/** Every address, IPv4 and IPv6: with `ClusterPeer.allNamespaces()`, every destination. */
const EVERYWHERE = () => [ClusterPeer.allNamespaces(), ClusterPeer.networks('0.0.0.0/0', '::/0')];

/** Props of ClusterDefaultDeny. */
export interface ClusterDefaultDenyProps extends ClusterIntentOptions, ClusterDnsOptions {
  /**
   * Namespaces left out of the default deny (by name).
   * @default ['kube-system'] - the cluster DNS and the control plane's add-ons keep working
   */
  readonly exceptNamespaces?: string[];
}

/**
 * A cluster default deny in the Baseline tier: every pod of every namespace (but
 * `exceptNamespaces`) is denied ingress from pods and egress to anything, except DNS queries to
 * the cluster DNS, accepted first. A namespace overrides it for its pods by writing its own
 * NetworkPolicies: Baseline is reached only for pods no NetworkPolicy isolates in that direction
 * (docs/cluster-network-policy.md rule 1). Ingress from outside the cluster cannot be written in
 * this API (`networks` is egress only), so it is left to NetworkPolicy.
 */
export class ClusterDefaultDeny extends ClusterPolicyObject {
  public constructor(scope: Construct, id: string, props: ClusterDefaultDenyProps = {}) {
    super(scope, id, props, {
      namePrefix: 'default-deny',
      props: { ...INTENT_OPTIONS, ...DNS_SCHEMA, exceptNamespaces: optional(arrayOf(isString, 'strings')) },
      build: () => {
        const except = props.exceptNamespaces ?? ['kube-system'];
        const subject = except.length === 0 ? ClusterSubject.allNamespaces()
          : ClusterSubject.namespacesMatching(LabelSelector.expressions({ key: NAMESPACE_NAME_LABEL, operator: SelectorOperator.NOT_IN, values: [...except] }));
        return {
          tier: ClusterPolicyTier.BASELINE,
          priority: props.priority,
          subject,
          ingress: [{ name: 'default-deny', action: ClusterPolicyAction.DENY, peers: [ClusterPeer.allNamespaces()] }],
          egress: [dnsRule(props), { name: 'default-deny', action: ClusterPolicyAction.DENY, peers: EVERYWHERE() }],
        };
      },
    });
  }
}

/** Props of DelegateToNamespaceOwners. */
export interface DelegateToNamespaceOwnersProps extends ClusterIntentOptions {
  /** The pods whose traffic their namespaces' owners decide. */
  readonly subject: ClusterSubject;
}

/**
 * Delegates the traffic of a set of namespaces to their owners: an Admin policy passing every
 * ingress and egress connection of its subject to NetworkPolicy (then Baseline). Admin policies
 * with a higher priority number (declared after it, when priorities are managed) no longer apply
 * to those pods; those with a lower one still do. Declare it after the guardrails that must hold
 * everywhere (metadata service, DNS) and before the broader Admin denies it exempts from.
 */
export class DelegateToNamespaceOwners extends ClusterPolicyObject {
  public constructor(scope: Construct, id: string, props: DelegateToNamespaceOwnersProps) {
    super(scope, id, props, {
      namePrefix: 'delegate',
      props: { ...INTENT_OPTIONS, subject: required(SUBJECT) },
      build: () => ({
        tier: ClusterPolicyTier.ADMIN,
        priority: props.priority,
        subject: props.subject,
        ingress: [{ name: 'delegate', action: ClusterPolicyAction.PASS, peers: [ClusterPeer.allNamespaces()] }],
        egress: [{ name: 'delegate', action: ClusterPolicyAction.PASS, peers: EVERYWHERE() }],
      }),
    });
  }
}

/** Props of ClusterTenantIsolation. */
export interface ClusterTenantIsolationProps extends ClusterIntentOptions {
  /** The tenants: values of `tenantLabel` on their namespaces. */
  readonly tenants: string[];
  /**
   * The namespace label naming a namespace's tenant.
   * @default 'tenant'
   */
  readonly tenantLabel?: string;
}

const TENANCY = { ...INTENT_OPTIONS, tenants: required(arrayOf(isString, 'strings')), tenantLabel: optional(isString) };

/**
 * Tenants that cannot reach each other, whatever their own NetworkPolicies say: for each tenant
 * one Admin ClusterNetworkPolicy (named `<name>-<tenant>`) whose subject is the tenant's
 * namespaces and which denies ingress from, and egress to, the pods of every other tenant's
 * namespaces. Traffic within a tenant and to namespaces of no tenant is left to the next tiers.
 * The policies' subjects are disjoint, so an explicit `priority` may be shared by all of them.
 */
export class ClusterTenantIsolation extends Construct {
  /** The policies, one per tenant, in the order of `tenants`. */
  public readonly policies: ClusterNetworkPolicy[] = [];

  public constructor(scope: Construct, id: string, props: ClusterTenantIsolationProps) {
    super(scope, id);
    const problems = propsIssues(TENANCY, props).map((i) => NetpolValidationError.format([i]));
    if (problems.length === 0 && props.tenants.length === 0) problems.push('props.tenants: Required value: give at least one tenant');
    if (problems.length === 0) {
      // Tenants are label values of their namespaces, the label a qualified name (V-5, V-6).
      props.tenants.forEach((t, i) => labelValueErrors(t).forEach((m) => problems.push(`props.tenants[${i}]: Invalid value: ${JSON.stringify(t)}: ${m}${hintText(labelValueHint(t))}`)));
      const key = props.tenantLabel ?? 'tenant';
      labelKeyErrors(key).forEach((m) => problems.push(`props.tenantLabel: Invalid value: ${JSON.stringify(key)}: ${m}${hintText(labelKeyHint(key))}`));
    }
    if (problems.length === 0) {
      try {
        const key = props.tenantLabel ?? 'tenant';
        const base = props.name ?? derivePolicyName('tenant-isolation', id);
        for (const tenant of props.tenants) {
          const others = ClusterPeer.namespacesMatching(LabelSelector.expressions(
            { key, operator: SelectorOperator.EXISTS },
            { key, operator: SelectorOperator.NOT_IN, values: [tenant] },
          ));
          this.policies.push(new ClusterNetworkPolicy(this, tenant, {
            name: `${base}-${tenant}`,
            labels: props.labels,
            annotations: props.annotations,
            auditMetadata: props.auditMetadata,
            tier: ClusterPolicyTier.ADMIN,
            priority: props.priority,
            subject: ClusterSubject.namespacesMatching(LabelSelector.labels({ [key]: tenant })),
            ingress: [{ name: 'other-tenants', action: ClusterPolicyAction.DENY, peers: [others] }],
            egress: [{ name: 'other-tenants', action: ClusterPolicyAction.DENY, peers: [others] }],
          }));
        }
      } catch (e) {
        problems.push(...errorLines(e));
      }
    }
    if (problems.length > 0) this.node.addValidation({ validate: () => problems });
  }
}

function hintText(hint: string | undefined): string {
  return hint === undefined ? '' : ` (${hint})`;
}
