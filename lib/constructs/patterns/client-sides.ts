import { clientEnds } from '../../patterns/client-egress';
import { writeClientSides } from '../client-side';
import { FlowSides } from '../flow-sides';
import { PolicyObject, errorLines } from '../policy-object';

/**
 * For a pattern that opens flows into its pods (one ingress rule: clients AND ports): with
 * `FlowSides.BOTH`, writes the clients' egress side too, one policy per client end in the App's
 * chart of its namespace, named `<policy>-egress` (`-egress-2`, ... for several). A client that
 * cannot have an egress side (an IP block, namespaces chosen by labels) is a synth error of the
 * pattern naming it. Nothing is written when the pattern's own policy has errors.
 * @internal
 */
export function openClientSides(owner: PolicyObject, sides: FlowSides | undefined, pattern: string, auditMetadata: boolean | undefined): void {
  // Invalid props (a `sides` that is no FlowSides among them) build no spec: the props check says why.
  const spec = owner._lintSpec;
  if (!spec || sides !== FlowSides.BOTH) return;
  const problems: string[] = [];
  try {
    const rule = spec.ingress[0];
    const ends = clientEnds('clients', rule.peers, spec.namespace);
    const server = { pods: spec.podSelector, namespace: spec.namespace };
    const name = (k: number) => (ends.length === 1 ? `${spec.name}-egress` : `${spec.name}-egress-${k + 1}`);
    writeClientSides(owner, ends.map((client, k) => ({
      name: name(k), client, server, ports: rule.ports.length > 0 ? rule.ports : undefined, pattern,
    })), false, auditMetadata);
  } catch (e) {
    problems.push(...errorLines(e).map((l) => `sides: ${l}`));
  }
  if (problems.length > 0) owner.node.addValidation({ validate: () => problems });
}
