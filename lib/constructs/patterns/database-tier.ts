import { Construct } from 'constructs';
import { Peer, Port } from '../../model';
import { databaseTier } from '../../patterns';
import { PolicyObject, withTarget } from '../policy-object';
import { FlowSides } from '../flow-sides';
import { PolicyOptions } from '../policy-options';
import { openClientSides } from './client-sides';
import { Select } from '../select';
import { resolveTarget } from '../resolve-target';
import { IKplusNamespace, IKplusNamespaceSelector, IKplusPodSelector } from '../interop/kplus-types';
import { toPeers } from '../interop/accept';
import { DNS_OPTIONS, PEERS, POLICY_OPTIONS, PORT, TARGET, checkDnsProps } from '../prop-checks';
import { isBoolean, oneOf, optional, required } from '../../model/props-check';

/** DatabaseTierProps as checked at run time. */
const PROPS = {
  ...POLICY_OPTIONS,
  ...DNS_OPTIONS,
  database: required(TARGET, 'pods', 'to'),
  clients: optional(PEERS, 'from', 'peers'),
  port: optional(PORT, 'ports'),
  allowDns: optional(isBoolean),
  sides: optional(oneOf(Object.values(FlowSides)), 'side'),
};

/** Props of DatabaseTier. */
export interface DatabaseTierProps extends PolicyOptions {
  /**
   * The database pods (in the policy's namespace), e.g. `Select.pods({ app: 'postgres' })`.
   * A cdk8s-plus workload, Pod or Pods stands for its pods; a cdk8s-plus Namespace for every
   * pod in it (the policy must be in that namespace).
   */
  readonly database: Select | IKplusPodSelector | IKplusNamespace;

  /**
   * Who may connect, ORed: each peer is its own `from` entry.
   * A cdk8s-plus workload, Pod or Pods stands for its pods (AND its namespace when it has
   * one), a cdk8s-plus Namespace for every pod in it.
   * @default - pods labelled `needs-db: "true"` in the policy's namespace
   */
  readonly clients?: Array<Peer | IKplusPodSelector | IKplusNamespaceSelector>;

  /**
   * The database port.
   * @default Port.POSTGRES (TCP 5432)
   */
  readonly port?: Port;

  /**
   * Let the database resolve names: egress to the cluster DNS on UDP and TCP 53, and nothing else.
   * @default false - no egress at all
   */
  readonly allowDns?: boolean;

  /**
   * Namespace of the cluster DNS pods, when `allowDns`.
   * @default 'kube-system'
   */
  readonly dnsNamespace?: string;

  /**
   * Labels of the cluster DNS pods, when `allowDns`.
   * @default { 'k8s-app': 'kube-dns' }
   */
  readonly dnsLabels?: { [key: string]: string };

  /**
   * Which ends of the flow to open. `FlowSides.SERVER` writes only this policy (ingress, in this
   * namespace). `FlowSides.BOTH` also writes, in the App's chart of each client's namespace, an
   * egress policy letting the clients reach these pods on these ports: needed when the clients are isolated
   * for egress (a default deny there), since a connection needs the client's egress too (rule 10).
   * Each client must be pods of named namespaces (no IP blocks, no namespaces by label).
   * @default FlowSides.SERVER - only the ingress side; their egress is theirs to open
   */
  readonly sides?: FlowSides;
}

/**
 * A database that accepts connections only from its clients on its port, and to which this policy
 * allows no egress (or only DNS): the seed's "database tier" pattern in one policy.
 *
 * The policy selects the database pods for both directions. Ingress has one rule (clients AND the
 * port, docs/semantics.md rule 12); egress is listed in `policyTypes` with no rule, which isolates the
 * database for egress and allows nothing (rules 5, 7), so a compromised database cannot exfiltrate
 * data. Policies add up (rule 9): another policy selecting the database (an `AllowDns` for the
 * whole namespace) still opens what it allows. The clients' own egress is not touched unless
 * `sides: FlowSides.BOTH`: under an egress default deny in their namespace, set it. The default
 * name is the construct id (`postgres`). Labels `app.kubernetes.io/managed-by: cdk8s-netpol` and
 * `netpol.cdk8s.io/pattern: database-tier` and a `netpol.cdk8s.io/intent` annotation record why it exists.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class DatabaseTier extends PolicyObject {
  public constructor(scope: Construct, id: string, props: DatabaseTierProps) {
    super(scope, id, props, {
      namePrefix: '',
      props: PROPS,
      build: (t) => {
        checkDnsProps(props);
        return databaseTier(withTarget(t, {
          database: resolveTarget('database', props.database, t.namespace),
          clients: props.clients ? toPeers('clients', props.clients) : undefined,
          port: props.port,
          allowDns: props.allowDns,
          dns: { namespace: props.dnsNamespace, labels: props.dnsLabels },
        }))[0];
      },
    });
    openClientSides(this, props?.sides, 'database-tier', props?.auditMetadata);
  }
}
