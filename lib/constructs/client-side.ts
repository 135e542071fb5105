import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { PolicySpec } from '../model';
import { ClientEgressRecipe, clientEgress } from '../patterns/client-egress';
import { NetworkPolicy } from './network-policy';
import { PolicyMetadata } from './policy-metadata';
import { applyAuditMetadata } from '../patterns/audit';
import { copyMap, mergeMaps } from '../model/string-map';

// Where the client side of a flow is written: an egress policy lives in the client's namespace
// (a policy selects pods of its own namespace only, docs/semantics.md rule 3), so in the App's chart
// of that namespace.

/**
 * The chart that writes policies of `namespace`: the chart of `scope` when it is that namespace's,
 * else the first chart of the App with that namespace (in construct order).
 */
export function chartOfNamespace(scope: IConstruct, namespace: string): Chart {
  const own = Chart.of(scope);
  if (own.namespace === namespace) return own;
  const found = scope.node.root.node.findAll().find((c): c is Chart => Chart.isChart(c) && c.namespace === namespace);
  if (!found) {
    throw new Error(`no chart of the App has namespace ${JSON.stringify(namespace)}, so the client side (an egress policy in ${namespace}) has nowhere to go; `
      + `add one (new Chart(app, '${namespace}', { namespace: '${namespace}' })), or open only the server side and let ${namespace}'s owners add AllowTo`);
  }
  return found;
}

/**
 * Writes each client's egress policy in the chart of its namespace: as a child `egress` (`egress-2`,
 * ...) of `owner` when that chart is the owner's and the owner may have children, else as
 * `<owner id>-egress` in that chart. Returns the policies.
 */
export function writeClientSides(owner: Construct, recipes: ClientEgressRecipe[], ownerHoldsChildren: boolean, auditMetadata: boolean | undefined): ApiObject[] {
  return recipes.map((r, k) => {
    const chart = chartOfNamespace(owner, r.client.namespace);
    const suffix = recipes.length === 1 ? 'egress' : `egress-${k + 1}`;
    const spec: PolicySpec = clientEgress(r);
    // A pattern's client side carries the pattern's audit metadata: settled with the owner's
    // setting and what the owner was given, as the owner's own policy is.
    const audit = PolicyMetadata.of(owner)._auditOf(owner.node.path, auditMetadata);
    applyAuditMetadata(spec, audit, { labels: mergeMaps(chart.labels, r.labels), annotations: copyMap(r.annotations) });
    if (ownerHoldsChildren && chart === Chart.of(owner)) return NetworkPolicy._fromSpec(owner, suffix, spec, audit);
    let id = `${owner.node.id}-${suffix}`;
    for (let n = 2; chart.node.tryFindChild(id); n++) id = `${owner.node.id}-${suffix}-${n}`;
    return NetworkPolicy._fromSpec(chart, id, spec, audit);
  });
}
