import { App, ImplicitTokenResolver, IResolver, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * Whether the App holding `scope` resolves values with cdk8s' built-in resolvers only. Those
 * change nothing in JSON made of plain objects, arrays, strings and numbers (they act on Lazy
 * values, objects with a `resolve` method and number-or-string union classes), so such JSON may
 * be written without passing it through them. An App given its own resolvers sees every value.
 */
export function builtInResolversOnly(scope: IConstruct): boolean {
  const resolvers: IResolver[] = App.of(scope).resolvers;
  // cdk8s puts the App's own resolvers first, then these three (App constructor).
  return resolvers.length === 3
    && resolvers[0] instanceof LazyResolver
    && resolvers[1] instanceof ImplicitTokenResolver
    && resolvers[2] instanceof NumberStringUnionResolver;
}

/**
 * Plain JSON as cdk8s writes it after resolving (ApiObject.toJson's `sanitizeValue`): keys sorted
 * at every level unless `CDK8S_DISABLE_SORT` is set, null and undefined members left out.
 */
export function writtenJson(value: unknown): unknown {
  return copy(value, !process.env.CDK8S_DISABLE_SORT);
}

function copy(value: unknown, sortKeys: boolean): unknown {
  if (value === null || typeof value !== 'object') return value ?? undefined;
  if (Array.isArray(value)) return value.map((v) => copy(v, sortKeys));
  const object = value as { [key: string]: unknown };
  const keys = Object.keys(object);
  if (sortKeys) keys.sort();
  const out: { [key: string]: unknown } = {};
  for (const k of keys) {
    const v = copy(object[k], sortKeys);
    if (v !== undefined) out[k] = v;
  }
  return out;
}
