export { renderNetworkPolicy, NetworkPolicyJson } from './render-network-policy';
export { validateNetworkPolicyJson, validateNetworkPolicyUpdate, NetworkPolicyValidationOptions } from './validate-network-policy';
