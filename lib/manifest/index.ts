export { renderNetworkPolicy, NetworkPolicyJson } from './render-network-policy';
