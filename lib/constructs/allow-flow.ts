import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { LabelSelector, PolicySpec, PolicyType, Port, Rule } from '../model';
import { FlowEnd, peerOf } from '../patterns/client-egress';
import { writeClientSides } from './client-side';
import { readPodSelection } from './interop/kplus-selectors';
import { TargetLike, toSelect } from './interop/accept';
import { Workloads } from './interop/workloads';
import { NetworkPolicy } from './network-policy';
import { derivePolicyName } from './policy-name';
import { errorLines } from './policy-object';
import { PolicyOptions } from './policy-options';
import { checkNamespaceProp } from './prop-checks';
import { Select } from './select';
import { checkSuppression } from './synth-lint';
import { IKplusNamespace, IKplusPodSelector } from './interop/kplus-types';
import { isKplusPodSelector } from './interop/kplus-shape';
import { POLICY_OPTIONS, PORTS } from './prop-checks';
import { anyValue, isString, optional, propsIssues, required } from '../model/props-check';
import { NetpolValidationError } from '../model/validation-error';

/** AllowFlowProps as checked at run time (the ends by build(), whose message explains why a peer cannot be one). */
const PROPS = { ...POLICY_OPTIONS, from: required(anyValue, 'client', 'clients'), fromNamespace: optional(isString), to: required(anyValue, 'server', 'servers'), ports: optional(PORTS, 'port') };

/** Props of AllowFlow. */
export interface AllowFlowProps extends PolicyOptions {
  /**
   * The client pods, which open the connections. Pods of ONE namespace (`fromNamespace`): their
   * egress policy is written there. For an address outside the cluster there is no egress side:
   * use `AllowFrom` with `Peer.ipBlock(...)`.
   * A cdk8s-plus workload, Pod or Pods stands for its pods; a cdk8s-plus Namespace for every pod in it.
   */
  readonly from: Select | IKplusPodSelector | IKplusNamespace;

  /**
   * The namespace of the client pods. The egress policy is written in the App's chart of that
   * namespace (a synth error names it when the App has none).
   * @default - the cdk8s-plus object's own namespace when it has one, else the server's namespace
   */
  readonly fromNamespace?: string;

  /**
   * The server pods, which accept the connections, in this policy's namespace (`namespace`, or
   * the chart's).
   * A cdk8s-plus workload, Pod or Pods stands for its pods; a cdk8s-plus Namespace for every pod in it.
   */
  readonly to: Select | IKplusPodSelector | IKplusNamespace;

  /**
   * Destination ports on the server pods, ORed, on both sides.
   * @default - every port of every protocol (rule 14)
   */
  readonly ports?: Port[];
}

/**
 * Opens one flow on both of its ends: the server's ingress policy (in the server's namespace,
 * written `<name>-ingress`) and the client's egress policy (in the client's namespace, in the
 * App's chart of that namespace, written `<name>-egress`), where `<name>` is `name` or
 * `allow-<id>`. The obvious choice under a default deny of both directions: a connection needs
 * the client's egress AND the server's ingress (docs/semantics.md rule 10), and an `AllowFrom` alone
 * leaves the client's egress closed.
 *
 * AND is kept on both sides: the server admits the client pods AND the client namespace in one
 * `from` entry (rule 18), the client may reach the server pods AND the server namespace in one
 * `to` entry (a bare pod selector when both are in one namespace, rule 16).
 *
 * Each policy isolates its pods for its direction (rule 2): where the clients are NOT isolated
 * for egress, the egress policy makes them so, and every other destination (DNS included) is
 * refused unless allowed; use `AllowFrom` there. Like AWS CDK's `connections.allowFrom`, which
 * adds the mirror rule to the other security group.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class AllowFlow extends Construct {
  private readonly _policies: ApiObject[] = [];
  private readonly _specs: PolicySpec[] = [];

  public constructor(scope: Construct, id: string, props: AllowFlowProps) {
    super(scope, id);
    const problems: string[] = [];
    this.node.addValidation({ validate: () => [...problems] });
    try {
      this.build(props);
    } catch (e) {
      problems.push(...errorLines(e));
    }
  }

  /** The policies, as data: the server's ingress first, then the client's egress. */
  public get specs(): PolicySpec[] {
    return [...this._specs];
  }

  /** The policy objects: the server's ingress first, then the client's egress. */
  public get policies(): ApiObject[] {
    return [...this._policies];
  }

  /**
   * Silences one lint rule (`netpol rules`) for both policies, with the reason a reviewer reads.
   * @param ruleId the rule, e.g. `dns-egress-missing`
   * @param reason why the rule does not apply here
   */
  public suppressLint(ruleId: string, reason: string): void {
    checkSuppression(this.node.path, ruleId, reason);
    for (const p of this._policies) (p as NetworkPolicy).suppressLint(ruleId, reason);
  }

  private build(props: AllowFlowProps): void {
    // Props that do not fit their schema (from plain JavaScript) are read no further.
    const propProblems = propsIssues(PROPS, props);
    if (propProblems.length > 0) throw new Error(propProblems.map((i) => NetpolValidationError.format([i])).join('\n'));
    checkNamespaceProp('namespace', props.namespace);
    checkNamespaceProp('fromNamespace', props.fromNamespace);
    if (props.ports !== undefined && props.ports.length === 0) {
      throw new Error('ports: an empty list would allow every port; leave `ports` out if that is meant, or list the ports');
    }
    const serverNs = props.namespace ?? Chart.of(this).namespace;
    if (!serverNs) {
      throw new Error(`namespace: no namespace for AllowFlow ${JSON.stringify(this.node.id)}: set \`namespace\` in its props or give its chart one `
        + "(new Chart(app, 'id', { namespace: 'payments' })); a policy without one lands in whatever namespace kubectl points at");
    }
    const server: FlowEnd = { pods: resolveEnd('to', props.to, serverNs), namespace: serverNs };
    const clientNs = props.fromNamespace ?? ownNamespace(props.from) ?? serverNs;
    const client: FlowEnd = { pods: resolveEnd('from', props.from, clientNs), namespace: clientNs };
    const name = props.name ?? derivePolicyName('allow', this.node.id);
    const ingress = PolicySpec.create({
      name: `${name}-ingress`,
      namespace: serverNs,
      labels: props.labels,
      annotations: props.annotations,
      podSelector: server.pods,
      policyTypes: [PolicyType.INGRESS],
      ingress: [Rule.allow({ peers: [peerOf(client, serverNs)], ports: props.ports })],
    });
    this._policies.push(NetworkPolicy._fromSpec(this, 'ingress', ingress, props.auditMetadata));
    this._policies.push(...writeClientSides(this, [{
      name: `${name}-egress`, client, server, ports: props.ports, labels: props.labels, annotations: props.annotations,
    }], true, props.auditMetadata));
    this._specs.push(...this._policies.map((p) => (p as NetworkPolicy).spec));
  }
}

/** The pods of one end, checked against its namespace (a cdk8s-plus object elsewhere is an error). */
function resolveEnd(field: string, end: TargetLike, namespace: string): LabelSelector {
  let select: Select;
  try {
    select = toSelect(field, end);
  } catch (e) {
    throw new Error(`${(e as Error).message}; a peer (Peer.ipBlock, a namespace selector) has no policy of ours to write, so a flow's ends are pods: `
      + 'for one side only use AllowFrom or AllowTo');
  }
  Workloads._checkTarget(field, select, namespace);
  return select.selector;
}

/** The namespace a cdk8s-plus object says it is in, if one. */
function ownNamespace(end: TargetLike): string | undefined {
  if (end instanceof Select || !end || typeof end !== 'object') return undefined;
  if (isKplusPodSelector(end)) return readPodSelection(end).namespaceName;
  const name = (end as IKplusNamespace).name;
  return typeof name === 'string' ? name : undefined;
}
