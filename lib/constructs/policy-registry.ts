import { IConstruct } from 'constructs';

// NetworkPolicy names are unique per namespace (the API server keys objects by namespace/name,
// so a second object of the same name silently replaces the first on `kubectl apply`). Every
// policy construct registers its namespace/name here, one registry per App (construct tree root).
const registries = new WeakMap<IConstruct, Map<string, Map<string, IConstruct>>>(); // namespace -> name -> construct

/**
 * Records that `construct` (in the App whose root is `root`) emits `namespace/name`. Returns the
 * construct that already emits it, if any.
 */
export function claimPolicyName(root: IConstruct, construct: IConstruct, namespace: string, name: string): IConstruct | undefined {
  let registry = registries.get(root);
  if (!registry) {
    registry = new Map();
    registries.set(root, registry);
  }
  let names = registry.get(namespace);
  if (!names) {
    names = new Map();
    registry.set(namespace, names);
  }
  const owner = names.get(name);
  if (owner !== undefined) return owner;
  names.set(name, construct);
  return undefined;
}
