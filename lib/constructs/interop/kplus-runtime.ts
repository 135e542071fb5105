import type * as Kplus from 'cdk8s-plus-28';

let loaded: typeof Kplus | undefined;

/**
 * cdk8s-plus-28 at run time, loaded on first use: the rest of this package needs its types only,
 * so an App that never hands a cdk8s-plus object to a policy does not pay for loading it.
 */
export function kplusRuntime(): typeof Kplus {
  return (loaded ??= require('cdk8s-plus-28') as typeof Kplus);
}
