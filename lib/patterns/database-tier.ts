import { LabelSelector, Peer, PolicySpec, PolicyType, Port, Rule } from '../model';
import { describePeers, describePods, describePort } from './describe';
import { DnsTarget, dnsEgressRule } from './dns';
import { RecipeScope, patternPolicy } from './recipe';

export const DATABASE_TIER_PATTERN = 'database-tier';

/** The label clients carry by default to be let into the database. */
export const DEFAULT_DATABASE_CLIENT_LABELS: { readonly [key: string]: string } = Object.freeze({ 'needs-db': 'true' });

export interface DatabaseTierRecipe extends RecipeScope {
  /** The database pods (in `namespace`). */
  readonly database: LabelSelector;
  /** Who may connect, ORed. @default - pods labelled `needs-db: "true"` in the same namespace */
  readonly clients?: Peer[];
  /** The database port. @default Port.POSTGRES */
  readonly port?: Port;
  /** Let the database resolve names (egress to DNS only). @default false: no egress at all */
  readonly allowDns?: boolean;
  /** Where DNS runs, when `allowDns`. @default kube-system pods `k8s-app: kube-dns` */
  readonly dns?: DnsTarget;
}

/**
 * One policy selecting the database for both directions: ingress only from the clients on the
 * database port; egress nothing (an Egress policyType with no rules isolates for egress and allows
 * nothing, rule 5/7), or DNS only. Other policies selecting the database still add what they allow
 * (rule 9). A database that can dial out is an exfiltration path.
 */
export function databaseTier(r: DatabaseTierRecipe): PolicySpec[] {
  if (r.clients !== undefined && r.clients.length === 0) {
    throw new Error('DatabaseTier: `clients: []` would let nobody in; list the client peers, or omit `clients` for pods labelled needs-db=true');
  }
  const clients = r.clients ?? [Peer.pods({ ...DEFAULT_DATABASE_CLIENT_LABELS })];
  const port = r.port ?? Port.POSTGRES;
  const egress = r.allowDns ? [dnsEgressRule(r.dns)] : [];
  const intent = `${describePods(r.database, r.namespace)} accept ${describePort(port)} only from ${describePeers(clients)}, `
    // What this policy allows, not what the pods may do: other policies selecting them (an
    // AllowDns next to a default deny) add their egress too (rule 9).
    + (r.allowDns ? 'and this policy allows them only DNS queries out (other policies selecting them may allow more)'
      : 'and this policy allows them no egress (other policies selecting them may allow some)');
  return [
    patternPolicy(DATABASE_TIER_PATTERN, intent, {
      name: r.name,
      namespace: r.namespace,
      labels: r.labels,
      annotations: r.annotations,
      podSelector: r.database,
      policyTypes: [PolicyType.INGRESS, PolicyType.EGRESS],
      ingress: [Rule.allow({ peers: clients, ports: [port] })],
      egress,
    }, r.allowDns ? {} : {
      'dns-egress-missing': 'this policy allows the database no egress, DNS included, by design; set allowDns if it must resolve names',
    }),
  ];
}
