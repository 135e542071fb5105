export { Severity, Issue } from './issue';
export { LabelSelector, LabelSelectorJson, LabelExpression, SelectorOperator } from './label-selector';
export { Port, PortJson, Protocol, ContainerPortInfo } from './port';
export {
  Peer,
  PeerJson,
  IpBlockJson,
  SelectorPeer,
  PodPeer,
  NamespacePeer,
  PodsInNamespacesPeer,
  IpBlockPeer,
  NAMESPACE_NAME_LABEL,
} from './peer';
export { Rule, RuleProps, RuleJson } from './rule';
export { PolicySpec, PolicySpecProps, PolicyType } from './policy-spec';
