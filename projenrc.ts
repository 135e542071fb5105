import { cdk8s, javascript, typescript } from 'projen';
import { TypeScriptModuleResolution } from 'projen/lib/javascript';

/**
 * cdk8s-plus majors whose objects the constructs accept (structurally, lib/constructs/interop):
 * every one is an optional peer, so an app keeps the single cdk8s-plus it already has.
 */
const KPLUS_MAJORS = [28, 29, 30, 31, 32, 33];

/**
 * cdk8s-netpol project definition. Run `npx tsx projenrc.ts` (or `npx projen`) after editing.
 * Versions are pinned exactly; see ../shared/design/TOOLCHAIN.md for why each one.
 */
const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-netpol',
  packageName: 'cdk8s-netpol',
  description: 'Typed policy-as-code for Kubernetes NetworkPolicy: cdk8s constructs, a reachability analyzer and the netpol CLI.',
  author: 'cdk8s-netpol maintainers',
  authorAddress: 'maintainers@cdk8s-netpol.example',
  repositoryUrl: 'https://github.com/cdk8s-netpol/cdk8s-netpol.git',
  defaultReleaseBranch: 'main',
  license: 'Apache-2.0',
  minNodeVersion: '20.16.0',
  packageManager: javascript.NodePackageManager.NPM,

  srcdir: 'lib',
  libdir: 'build',
  testdir: 'test',
  sampleCode: false,

  projenrcTs: true,
  projenrcTsOptions: { filename: 'projenrc.ts', runner: typescript.TypeScriptRunner.tsx() },
  projenVersion: '0.103.25',

  typescriptVersion: '5.9.3',
  jsiiVersion: '5.9.54',
  // Peers are ranges (issue 12): the lowest cdk8s/constructs the packaging check installs into a
  // plus-28 app (scripts/packaging-check.sh); cdk8s-plus-28 and -33 ask for ^2.68.11 (2.68.12 is the first published).
  cdk8sVersion: '2.68.12',
  constructsVersion: '10.3.0',
  cdk8sVersionPinning: false,
  constructsVersionPinning: false,
  // Dev dependencies stay pinned exactly (below), not at the peers' minimum.
  peerDependencyOptions: { pinnedDevDependency: false },

  jest: false,
  eslint: false,
  prettier: false,
  docgen: true,
  github: false,
  release: false,
  package: false,
  vscode: false,
  depsUpgrade: false,
  buildWorkflow: false,
  pullRequestTemplate: false,
  npmignoreEnabled: true,

  deps: [],
  bundledDeps: ['yaml@2.9.1', 'ipaddr.js@2.5.0', 'commander@14.0.0'],
  devDeps: [
    '@types/node@20.19.25',
    'vitest@4.1.12',
    'tsx@4.23.15',
    // The synth benchmark runs a `cdk8s init typescript-app` layout, whose app command is ts-node.
    'ts-node@10.9.2',
    'cdk8s-cli@2.207.60',
    'kubernetes-models@4.5.1',
    'jsii-docgen@10.12.6',
    'fast-check@4.10.2',
    // test/constructs/cluster/crd-schema.ts validates synthesized objects against the CRDs' schemas.
    'ajv@8.20.0',
    'playwright-core@1.65.1',
    'cdk8s@2.70.106',
    'constructs@10.8.1',
    // Every accepted cdk8s-plus major side by side: jsii must find each peer's assembly, and the
    // interop types are structural, tested with each major (test/packaging/kplus-majors.test.ts).
    'cdk8s-plus-28@2.5.6',
    'cdk8s-plus-29@2.6.0',
    'cdk8s-plus-30@2.4.10',
    'cdk8s-plus-31@2.6.43',
    'cdk8s-plus-32@2.5.92',
    'cdk8s-plus-33@2.5.57',
  ],
  peerDeps: KPLUS_MAJORS.map((m) => `cdk8s-plus-${m}@^2.0.0`),
  // No source maps in the package: inline ones were 72% of the built JS and pointed at lib/*.ts,
  // which is not shipped; stack traces name the shipped build/*.js lines instead.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false } },
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    include: ['lib/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    // The packaging check's apps import 'cdk8s-netpol' from its tarball: type-checked there.
    exclude: ['examples/dist', 'node_modules', 'build', 'test/packaging/apps'],
    compilerOptions: {
      // examples/org-library and examples/org-app import 'cdk8s-netpol' as a real library and app
      // would; here it is lib/ (vitest.config.ts aliases it the same way, tsx reads this paths map).
      paths: { 'cdk8s-netpol': ['./lib/index.ts'] },
      // vitest is ESM-only: type-check tests with bundler resolution (TOOLCHAIN.md pitfall).
      module: 'ESNext',
      moduleResolution: TypeScriptModuleResolution.BUNDLER,
      skipLibCheck: true,
      isolatedModules: false,
      noEmit: true,
      rootDir: '.',
    },
  },
  gitignore: ['/build/', '/examples/dist/', '/.ci/out/', '*.tgz', '/bench/out/', '/dist/'],
  jsiiReleaseVersion: undefined,
});

// projen's jsii component adds these with loose ranges after our devDeps; pin them exactly.
for (const dep of ['jsii-rosetta@5.9.68', 'jsii-pacmak@1.140.0', 'jsii-diff@1.134.0']) {
  project.deps.removeDependency(dep.slice(0, dep.lastIndexOf('@')));
  project.addDevDeps(dep);
}

// cdk8s-plus-28's k8s L1 classes (KubeNetworkPolicy) are used by the constructs; no `cdk8s import`.
project.package.addField('bin', { netpol: 'bin/netpol' });
project.package.addField('main', 'build/index.js');
project.addFields({
  peerDependenciesMeta: Object.fromEntries(KPLUS_MAJORS.map((m) => [`cdk8s-plus-${m}`, { optional: true }])),
});
// `files` wins over .npmignore: list .jsii (jsii libraries that depend on us need it), and docs/
// (messages and API.md cite docs/semantics.md).
project.addFields({ files: ['build', 'bin', '.jsii', 'API.md', 'README.md', 'docs'] });
// Bundled dependencies keep their own `files`; yaml's browser build is removed before packing.
project.package.setScript('prepack', 'node scripts/prune-bundled.js');

// jsii: silence the Node 20 end-of-life banner and reserved-word warnings (from/except/namespace).
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
// Dev dependencies are pinned above the peers' minimum on purpose (metadata/missing-dev-dependency).
const JSII = 'jsii --silence-warnings=reserved-word --silence-warnings=metadata/missing-dev-dependency';
project.compileTask.reset(JSII);
// The optional cdk8s-plus peers leave the assembly's dependencies (scripts/jsii-drop-kplus.js).
project.compileTask.exec('node scripts/jsii-drop-kplus.js');

// vitest instead of jest; vitest does not type-check, so tsc --noEmit over lib, test and examples.
const typecheck = project.addTask('typecheck', { exec: 'tsc --noEmit -p tsconfig.dev.json' });
project.testTask.reset();
project.testTask.spawn(project.compileTask);
project.testTask.spawn(project.tasks.tryFind('docgen')!);
project.testTask.spawn(typecheck);
project.testTask.exec('vitest run');
project.addTask('test:watch', { exec: 'vitest' });

project.addTask('synth', {
  description: 'Synthesize every example app under examples/ into examples/dist/',
  exec: 'bash scripts/synth-examples.sh',
});
// The benchmarks time the compiled package (build/), as users load it, so they compile first
// (compiler output to stderr: `npm run bench -- --json` prints only the JSON on stdout).
const bench = project.addTask('bench', { description: 'Benchmarks (never part of npm test)' });
bench.exec(`${JSII} 1>&2`);
bench.exec('tsx bench/run.ts', { receiveArgs: true });
project.addTask('fuzz', { description: 'Property tests with many more runs (FUZZ_RUNS, FUZZ_SEED)', exec: 'bash scripts/fuzz.sh' });

project.synth();
