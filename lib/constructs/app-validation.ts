import { IConstruct } from 'constructs';
import { LintedPolicy, lintApp } from './lint-app';
import type { SynthLintOptions } from './synth-lint';

/**
 * The synth-time checks of one App (its construct tree root). cdk8s validates the whole App
 * once per chart it writes (1,000 charts: every construct 1,000 times), and a construct with any
 * validation costs more to visit than one without. So one validation on the root does the work
 * once per change of the App: it runs first (cdk8s visits the root first), lints every policy,
 * and attaches a validation only to the policies that have errors, which cdk8s then reports with
 * their own construct paths.
 */
export interface AppChecks {
  options: SynthLintOptions;
  /** Bumped by every change (a policy added, a suppression, new options). */
  generation: number;
  readonly policies: LintedPolicy[];
}

interface AppState extends AppChecks {
  computedFor: number;
  errors: Map<IConstruct, string[]>;
  readonly hooked: WeakSet<IConstruct>;
}

const apps = new WeakMap<IConstruct, AppState>();

/** The checks of the App that holds `scope`, created (with the root's validation) on first use. */
export function appChecks(scope: IConstruct): AppChecks {
  const root = scope.node.root;
  let state = apps.get(root);
  if (!state) {
    const created: AppState = { options: {}, generation: 0, policies: [], computedFor: -1, errors: new Map(), hooked: new WeakSet() };
    root.node.addValidation({ validate: () => { refresh(root, created); return []; } });
    apps.set(root, created);
    state = created;
  }
  return state;
}

function refresh(root: IConstruct, state: AppState): void {
  if (state.computedFor === state.generation) return;
  state.computedFor = state.generation;
  const errors = state.options.enabled === false ? new Map<IConstruct, string[]>() : lintApp(root, state.policies, state.options);
  for (const policy of state.policies) {
    const own = policy._ownErrors();
    if (own.length > 0) errors.set(policy, [...own, ...(errors.get(policy) ?? [])]);
  }
  state.errors = errors;
  for (const policy of errors.keys()) {
    if (state.hooked.has(policy)) continue;
    state.hooked.add(policy);
    policy.node.addValidation({ validate: () => state.errors.get(policy) ?? [] });
  }
}
