import { cdk8s, javascript, typescript } from 'projen';
import { TypeScriptModuleResolution } from 'projen/lib/javascript';

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
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.8.1',
  cdk8sVersionPinning: true,
  constructsVersionPinning: true,

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
    'cdk8s-cli@2.207.60',
    'kubernetes-models@4.5.1',
    'jsii-docgen@10.12.6',
    'fast-check@4.10.2',
    'playwright-core@1.65.1',
  ],
  peerDeps: ['cdk8s-plus-28@2.5.6'],
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    include: ['lib/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    exclude: ['examples/dist', 'node_modules', 'build'],
    compilerOptions: {
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
project.addFields({ files: ['build', 'bin', 'API.md', 'README.md'] });

// jsii: silence the Node 20 end-of-life banner and reserved-word warnings (from/except/namespace).
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
project.compileTask.reset('jsii --silence-warnings=reserved-word');

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
bench.exec('jsii --silence-warnings=reserved-word 1>&2');
bench.exec('tsx bench/run.ts', { receiveArgs: true });
project.addTask('fuzz', { description: 'Property tests with many more runs (FUZZ_RUNS, FUZZ_SEED)', exec: 'bash scripts/fuzz.sh' });

project.synth();
