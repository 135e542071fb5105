import { Construct } from 'constructs';
import { LabelSelector, Port } from '../../model';
import { arrayOf, isString, labelMap, oneOf, optional } from '../../model/props-check';
import { checkDnsProps } from '../prop-checks';
import { ClusterPolicyObject, ClusterPolicyOptions } from './cluster-policy-object';
import { CLUSTER_POLICY_OPTIONS, PRIORITY, SUBJECT } from './cluster-network-policy';
import { ClusterPeer, ClusterSubject } from './peers';
import { ClusterPolicyAction, ClusterPolicyTier, ClusterRule } from './rule';

/** Props every intent construct accepts: its metadata and, optionally, its priority. */
export interface ClusterIntentOptions extends ClusterPolicyOptions {
  /**
   * Precedence within the tier, 0..1000, lower first.
   * @default - managed: declaration order within the tier (see `ClusterNetworkPolicyProps.priority`)
   */
  readonly priority?: number;
}

/** ClusterIntentOptions as checked at run time. */
export const INTENT_OPTIONS = { ...CLUSTER_POLICY_OPTIONS, priority: optional(PRIORITY) };

/** The cloud metadata service addresses: AWS, GCP, Azure and others (IPv4), AWS (IPv6). */
export const METADATA_SERVICE_CIDRS = ['169.254.169.254/32', 'fd00:ec2::254/128'];

/** Props of DenyMetadataService. */
export interface DenyMetadataServiceProps extends ClusterIntentOptions {
  /**
   * The addresses to deny, as CIDRs.
   * @default ['169.254.169.254/32', 'fd00:ec2::254/128']
   */
  readonly addresses?: string[];
}

/**
 * Denies egress to the cloud metadata service from every pod, in the Admin tier: no
 * NetworkPolicy can open it again (an `ipBlock: 0.0.0.0/0` allow included). Host-network pods
 * are never subjects of cluster policies (docs/cluster-network-policy.md rule 5).
 */
export class DenyMetadataService extends ClusterPolicyObject {
  public constructor(scope: Construct, id: string, props: DenyMetadataServiceProps = {}) {
    super(scope, id, props, {
      namePrefix: 'deny',
      props: { ...INTENT_OPTIONS, addresses: optional(arrayOf(isString, 'strings'), 'networks', 'cidrs') },
      build: () => ({
        tier: ClusterPolicyTier.ADMIN,
        priority: props.priority,
        subject: ClusterSubject.allNamespaces(),
        ingress: [],
        egress: [{ name: 'metadata-service', action: ClusterPolicyAction.DENY, peers: [ClusterPeer.networks(...(props.addresses ?? METADATA_SERVICE_CIDRS))] }],
      }),
    });
  }
}

/** Where the cluster DNS runs, for the intents that let it through. */
export interface ClusterDnsOptions {
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
}

/** The rule accepting DNS queries (UDP and TCP 53) to the cluster DNS pods. */
export function dnsRule(props: ClusterDnsOptions): ClusterRule {
  checkDnsProps(props);
  const dns = ClusterPeer.pods(LabelSelector.labels({ ...(props.dnsLabels ?? { 'k8s-app': 'kube-dns' }) }), LabelSelector.labels({ 'kubernetes.io/metadata.name': props.dnsNamespace ?? 'kube-system' }));
  return { name: 'cluster-dns', action: ClusterPolicyAction.ACCEPT, peers: [dns], ports: [Port.DNS_UDP, Port.DNS_TCP] };
}

export const DNS_SCHEMA = { dnsNamespace: optional(isString), dnsLabels: optional(labelMap) };

/** Props of ClusterAllowDns. */
export interface ClusterAllowDnsProps extends ClusterIntentOptions, ClusterDnsOptions {
  /**
   * The pods that may resolve names.
   * @default ClusterSubject.allNamespaces() - every pod
   */
  readonly subject?: ClusterSubject;
  /**
   * Admin: no NetworkPolicy can block DNS. Baseline: namespaces that isolate egress must allow
   * DNS themselves.
   * @default ClusterPolicyTier.ADMIN
   */
  readonly tier?: ClusterPolicyTier;
}

/**
 * Accepts DNS queries (UDP and TCP 53) from every pod to the cluster DNS pods (egress). The DNS
 * pods' own ingress is theirs to allow: keep kube-system out of a cluster default deny
 * (`ClusterDefaultDeny` does by default).
 */
export class ClusterAllowDns extends ClusterPolicyObject {
  public constructor(scope: Construct, id: string, props: ClusterAllowDnsProps = {}) {
    super(scope, id, props, {
      namePrefix: 'allow-dns',
      props: { ...INTENT_OPTIONS, ...DNS_SCHEMA, subject: optional(SUBJECT), tier: optional(oneOf(Object.values(ClusterPolicyTier))) },
      build: () => ({
        tier: props.tier ?? ClusterPolicyTier.ADMIN,
        priority: props.priority,
        subject: props.subject ?? ClusterSubject.allNamespaces(),
        ingress: [],
        egress: [dnsRule(props)],
      }),
    });
  }
}

