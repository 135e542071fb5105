import { Construct } from 'constructs';
import { tenantIsolation } from '../../patterns';
import { DNS_OPTIONS, STRINGS, checkDnsProps } from '../prop-checks';
import { isBoolean, isString, labelMap, optional, required } from '../../model/props-check';

/** TenantIsolationProps as checked at run time. */
const PROPS = {
  ...DNS_OPTIONS,
  tenants: required(STRINGS, 'tenant'),
  tenantLabel: optional(isString),
  acrossNamespaces: optional(isBoolean),
  allowDns: optional(isBoolean),
  name: optional(isString),
  namespace: optional(isString),
  labels: optional(labelMap),
  auditMetadata: optional(isBoolean, 'audit'),
};
import { PolicyGroup } from './policy-group';

/** Props of TenantIsolation. */
export interface TenantIsolationProps {
  /** The tenants: values of the tenant label. One policy each, named `<name>-<tenant>`. */
  readonly tenants: string[];

  /**
   * The label whose value names a pod's tenant.
   * @default 'tenant'
   */
  readonly tenantLabel?: string;

  /**
   * Whether pods of the same tenant in other namespaces count as the same tenant (peers use
   * `namespaceSelector: {}`).
   * @default false - only same-tenant pods of this namespace
   */
  readonly acrossNamespaces?: boolean;

  /**
   * Let tenant pods query the cluster DNS (UDP and TCP 53 to kube-system `k8s-app: kube-dns`).
   * @default true
   */
  readonly allowDns?: boolean;

  /**
   * Namespace of the cluster DNS pods.
   * @default 'kube-system'
   */
  readonly dnsNamespace?: string;

  /**
   * Labels of the cluster DNS pods.
   * @default { 'k8s-app': 'kube-dns' }
   */
  readonly dnsLabels?: { [key: string]: string };

  /**
   * Prefix of the policy names.
   * @default - the construct id in DNS-1123 form
   */
  readonly name?: string;

  /**
   * Namespace of the policies.
   * @default - the chart's namespace; neither is a synth error
   */
  readonly namespace?: string;

  /**
   * More labels for every policy (the chart's labels are added too).
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Write the audit metadata (label `app.kubernetes.io/managed-by: cdk8s-netpol`, annotation
   * `netpol.cdk8s.io/intent`) on these policies; see `PolicyMetadata`.
   * @default - the App's setting (`PolicyMetadata.of(app).configure(...)`), on unless turned off
   */
  readonly auditMetadata?: boolean;
}

/**
 * Each tenant's pods reach, and are reached by, only pods of the same tenant, plus DNS.
 *
 * NetworkPolicy has no "same label value as the target" selector, so this emits one policy per
 * tenant: it selects pods `tenant=<t>` for both directions and allows ingress from and egress to
 * pods `tenant=<t>`. Pods without a tenant label are not selected and keep whatever other policies
 * say about them.
 * @see https://kubernetes.io/docs/concepts/security/multi-tenancy/#network-isolation
 */
export class TenantIsolation extends PolicyGroup {
  public constructor(scope: Construct, id: string, props: TenantIsolationProps) {
    super(scope, id);
    if (!this._checkProps(PROPS, props)) return;
    const namespace = this._namespace(props.namespace);
    if (namespace === undefined) return;
    this._emit(() => {
      checkDnsProps(props);
      return tenantIsolation({
        namespace,
        name: this._namePrefix(props.name),
        labels: props.labels,
        tenants: props.tenants,
        tenantLabel: props.tenantLabel,
        acrossNamespaces: props.acrossNamespaces,
        allowDns: props.allowDns,
        dns: { namespace: props.dnsNamespace, labels: props.dnsLabels },
      });
    });
  }
}
