import { Command, CommanderError, Option } from 'commander';
import { runCheck } from './commands/check';
import { runConnections } from './commands/connections';
import { runDiff } from './commands/diff';
import { CommandContext, EXIT, UsageError } from './commands/context';
import { runExplain } from './commands/explain';
import { runGraph } from './commands/graph';
import { runImport } from './commands/import';
import { runMatrix } from './commands/matrix';
import { runProbe } from './commands/probe';
import { runRules } from './commands/rules';
import { escapeControlChars } from '../model/untrusted-text';
import { CliIo } from './io';
import { collect } from './parse-args';
import { styleFor } from './style';

export { CliIo, PathKind } from './io';

const FAIL_ON_CHOICES = ['never', 'opened', 'closed', 'changed'];
const FILES = 'YAML or JSON files, directories (read recursively: *.yaml, *.yml, *.json), or - for standard input';

/**
 * The `netpol` command line. Returns the exit code: 0 success (check: clean or warnings only),
 * 1 findings (check: errors), 2 unusable input or a usage mistake. Never throws, and never prints
 * a stack trace unless NETPOL_DEBUG is set.
 * @param argv the arguments after the program name (`process.argv.slice(2)`)
 */
export async function main(argv: string[], io: CliIo, version = 'unknown'): Promise<number> {
  let code: number = EXIT.OK;
  const ctx: CommandContext = { io, style: styleFor(io, argv.includes('--no-color')), version };
  const program = new Command('netpol')
    .description('Check, explain and test Kubernetes NetworkPolicies in any YAML: yours, Helm\'s or a kubectl export.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .addOption(new Option('--no-color', 'never colour the output (colour is used only on a terminal, and never with NO_COLOR set)'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      // Commander echoes the offending argument: its control characters are shown escaped.
      writeErr: (s) => io.stderr(s.split('\n').map(escapeControlChars).join('\n')),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  program.addHelpText('after', '\nExit codes: 0 ok (check: no errors), 1 check found errors, 2 unusable input or usage mistake.\n');

  program.command('check')
    .description('API-server validation of every NetworkPolicy, plus the lint rules (see `netpol rules`)')
    .argument('[files...]', FILES)
    .option('-n, --namespace <namespace>', 'namespace of objects that name none (default: default, as kubectl would)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--pod-cidr <cidr>', 'the cluster\'s pod CIDR (repeatable; default: the RFC 1918 ranges)', collect, [])
    .option('--dns <ns/labels>', 'where the cluster DNS runs, e.g. dns-system/app.kubernetes.io/name=coredns (default: kube-system/k8s-app=kube-dns)')
    .option('--suppress <rule=reason>', 'suppress a lint rule for this run, with the reason (repeatable; rule@ns/name=reason for one policy)', collect, [])
    .addOption(new Option('--fail-on <severity>', 'exit 1 on errors only, or on warnings too').choices(['error', 'warning']).default('error'))
    .option('--no-lint', 'API-server validation only')
    .option('--assume <file>', 'manifests of workloads deployed elsewhere, read as assumed (repeatable)', collect, [])
    .option('--assume-pod <ns:labels>', 'a pod assumed by namespace and labels, e.g. shop:app=web (repeatable)', collect, [])
    .option('--complete-namespaces <list>', 'namespaces whose workloads the input holds completely (comma-separated): only there is a selector reported as matching nothing', (v: string, prev: string[]) => [...prev, ...v.split(',').map((x) => x.trim()).filter((x) => x)], [])
    .option('--workloads-complete', 'the input holds every workload of every namespace (a full cluster export is detected by itself)')
    .option('-v, --verbose', 'also show reader notes and suppressed findings')
    .addHelpText('after', '\nExit codes: 0 clean or warnings only, 1 errors found, 2 unusable input or usage mistake.\n'
      + 'Every message names the file, the document, the object and the field.\n')
    .action(async (files: string[], o) => {
      code = await runCheck(files, { format: o.format, podCidr: o.podCidr, dns: o.dns, suppress: o.suppress, failOn: o.failOn, lint: o.lint, verbose: Boolean(o.verbose), namespace: o.namespace, assume: o.assume, completeNamespaces: o.completeNamespaces, workloadsComplete: Boolean(o.workloadsComplete), assumePod: o.assumePod }, ctx);
    });

  program.command('explain')
    .description('Whether one connection is allowed, and the policies and rules that decided it')
    .argument('[files...]', FILES)
    .option('-n, --namespace <namespace>', 'namespace of objects that name none (default: default, as kubectl would)')
    .option('--from <endpoint>', 'the source: namespace/name of a pod or workload, an IP address, or namespace:labels for an assumed pod (e.g. shop:app=web)')
    .option('--to <endpoint>', 'the destination: namespace/name, an IP address (a Service\'s ClusterIP is resolved to its pods), or namespace:labels')
    .option('--port <port>', 'the destination port, e.g. 8080 or 8080/TCP or 53/UDP; without it, every connection the pair allows, part by part')
    .option('--assume <file>', 'manifests of workloads deployed elsewhere (Helm, other repositories), read as assumed (repeatable)', collect, [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nA Service\'s ClusterIP as --to is evaluated on each pod it selects, on the targetPort: one verdict each (JSON: an array when there are several).\n')
    .action(async (files: string[], o) => {
      code = await runExplain(files, { from: o.from, to: o.to, port: o.port, format: o.format, namespace: o.namespace, assume: o.assume }, ctx);
    });

  program.command('matrix')
    .description('Who can reach whom: every ordered pair of pods, workloads and external IPs, per port')
    .argument('[files...]', FILES)
    .option('-n, --namespace <namespace>', 'namespace of objects that name none (default: default, as kubectl would)')
    .option('--port <port>', 'a destination port, e.g. 80/TCP (repeatable, at least one)', collect, [])
    .option('--external <ip>', 'an external IP address to include as an endpoint (repeatable)', collect, [])
    .option('--external-ranges', 'one endpoint per range of outside addresses the policies tell apart (ip:10.0.0.0/8, ip:0.0.0.0-9.255.255.255), instead of one per address')
    .option('--assume <file>', 'manifests of workloads deployed elsewhere (Helm, other repositories), read as assumed (repeatable)', collect, [])
    .option('--assume-pod <ns:labels>', 'a pod assumed by namespace and labels, e.g. shop:app=web (repeatable)', collect, [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'csv', 'markdown']).default('text'))
    .addHelpText('after', '\nEndpoints are pods and workloads (namespace/name), assumed pods (namespace:labels) and external IPs (ip:<address>); a pod\'s IP is its status.podIP.\n'
      + 'JSON: {"ports":[{"port":80,"protocol":"TCP"}],"endpoints":["x/a","ip:1.2.3.4"],"results":[{"from":"x/a","to":"y/b","port":80,"protocol":"TCP","allowed":true}]}\n')
    .action(async (files: string[], o) => {
      code = await runMatrix(files, { port: o.port, external: o.external, externalRanges: o.externalRanges, format: o.format, namespace: o.namespace, assume: o.assume, assumePod: o.assumePod }, ctx);
    });

  program.command('connections')
    .description('Exactly what each endpoint may open to each other: every protocol and port, as ranges')
    .argument('[files...]', FILES)
    .option('-n, --namespace <namespace>', 'namespace of objects that name none (default: default, as kubectl would)')
    .option('--from <endpoint>', 'only pairs from this endpoint: namespace/name, an IP address, or ip:<range>')
    .option('--to <endpoint>', 'only pairs to this endpoint')
    .option('--allowed-only', 'leave out pairs with nothing allowed')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'csv', 'markdown']).default('text'))
    .addHelpText('after', '\nEndpoints are pods and workloads (namespace/name), then the ranges of outside addresses the policies\n'
      + 'distinguish (ip:10.0.0.0/8, ip:0.0.0.0-9.255.255.255, ...), which together cover every IPv4 and IPv6 address.\n'
      + 'Named ports are resolved on each destination pod. One line per ordered pair, e.g.\n'
      + '  shop/web -> shop/api: TCP 8080\n  shop/api -> ip:0.0.0.0/0: TCP 1-65535 except 22, all UDP\n')
    .action(async (files: string[], o) => {
      code = await runConnections(files, { format: o.format, from: o.from, to: o.to, allowedOnly: Boolean(o.allowedOnly), namespace: o.namespace }, ctx);
    });

  program.command('diff')
    .description('What a change opens and closes: the flows whose allowed connections differ between BEFORE and AFTER')
    .argument('[inputs...]', 'BEFORE and AFTER: each a file, a directory (read recursively) or - for standard input')
    .option('-n, --namespace <namespace>', 'namespace of objects that name none (default: default, as kubectl would)')
    .option('--with <path>', 'more input read into both sides, e.g. the workloads and namespaces (repeatable)', collect, [])
    .addOption(new Option('-f, --format <format>', 'output format (markdown: for a pull-request comment)').choices(['text', 'json', 'markdown']).default('text'))
    .addOption(new Option('--fail-on <change>', 'exit 1 when the diff opens, closes or changes anything').choices(FAIL_ON_CHOICES).default('never'))
    .addHelpText('after', '\nPolicies are compared by what they allow, not as text: renaming, splitting or reordering them changes nothing.\n'
      + 'Exit codes: 0 (or no match for --fail-on), 1 --fail-on matched, 2 unusable input or usage mistake.\n')
    .action(async (paths: string[], o) => {
      code = await runDiff(paths, { format: o.format, with: o.with, failOn: o.failOn, namespace: o.namespace }, ctx);
    });

  program.command('probe')
    .description('Print a bash script that checks allowed AND denied flows against a live cluster with kubectl')
    .argument('[files...]', FILES)
    .option('-n, --namespace <namespace>', 'namespace of objects that name none (default: default, as kubectl would)')
    .option('--port <port>', 'a destination port to probe, e.g. 80/TCP (repeatable, at least one; only TCP is probed)', collect, [])
    .option('--external <ip>', 'an external IP address to probe egress to (repeatable)', collect, [])
    .option('--max-flows <n>', 'at most this many allowed and this many denied flows', '20')
    .option('--timeout <seconds>', 'connection timeout per flow; a timeout counts as denied', '3')
    .option('--image <image>', 'image of the canary pods (needs sh, httpd, nc or wget)', 'busybox:1.36')
    .option('--no-canary', 'skip the canary that proves the network plugin enforces policies')
    .addHelpText('after', '\nRun it with: netpol probe policies/ --port 80/TCP > probe.sh && bash probe.sh\n')
    .action(async (files: string[], o) => {
      code = await runProbe(files, { port: o.port, external: o.external, maxFlows: o.maxFlows, timeout: o.timeout, canary: o.canary, image: o.image, namespace: o.namespace }, ctx);
    });

  program.command('import')
    .description('Turn NetworkPolicy and ClusterNetworkPolicy YAML (v1alpha1 AdminNetworkPolicy/BaselineAdminNetworkPolicy too) into a TypeScript cdk8s program that uses this library\'s constructs')
    .argument('[files...]', FILES)
    .option('-o, --out <file>', 'write the program to this file (default: standard output); nothing is written on error')
    .option('--library <module>', 'the module the constructs are imported from', 'cdk8s-netpol')
    .option('--patterns', 'use the pattern constructs (DatabaseTier, ...) also where they add metadata, a note naming each label and annotation added (default: only where they write the policy exactly, metadata included)')
    .option('--no-patterns', 'only the core constructs (DefaultDeny, AllowDns, AllowFrom, AllowTo, NetworkPolicy), no pattern constructs')
    .addHelpText('after', '\nExit codes: 0 written, 1 a policy is invalid (as netpol check reports it) or the constructs cannot write it, 2 unusable input or usage mistake.\n')
    .action(async (files: string[], o) => {
      code = await runImport(files, { out: o.out, library: o.library, patterns: o.patterns }, ctx);
    });

  program.command('graph')
    .description('The allowed-traffic graph between workloads, grouped by namespace, with ports on the edges')
    .argument('[files...]', FILES)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['mermaid', 'dot', 'html']).default('mermaid'))
    .option('--port <port>', 'a destination port to evaluate on every workload, e.g. 8080/TCP (repeatable; default: the ports each destination declares and the policies name for it, else 80/TCP and 443/TCP)', collect, [])
    .option('--external <ip>', 'an external IP address to draw (repeatable)', collect, [])
    .option('--assume <file>', 'manifests of workloads deployed elsewhere, read as assumed (repeatable)', collect, [])
    .option('--assume-pod <ns:labels>', 'a pod assumed by namespace and labels, e.g. shop:app=web (repeatable)', collect, [])
    .option('--pod-cidr <cidr>', 'the cluster\'s pod CIDR for the lint findings in html (repeatable)', collect, [])
    .option('--dns <ns/labels>', 'where the cluster DNS runs, e.g. dns-system/app.kubernetes.io/name=coredns (default: kube-system/k8s-app=kube-dns)')
    .addHelpText('after', '\nEdges are evaluated on the ports the destination\'s containers declare and the policies name for it; where there are none, on 80/TCP and 443/TCP.\n')
    .action(async (files: string[], o) => {
      code = await runGraph(files, { format: o.format, port: o.port, podCidr: o.podCidr, dns: o.dns, external: o.external, assume: o.assume, assumePod: o.assumePod }, ctx);
    });

  program.command('rules')
    .description('The lint rules, with their explanations')
    .argument('[ids...]', 'only these rules')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .action(async (ids: string[], o) => {
      code = await runRules(ids, { format: o.format }, ctx);
    });

  try {
    if (argv.length === 0) {
      io.stdout(program.helpInformation());
      return EXIT.UNUSABLE;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.OK : EXIT.UNUSABLE; // commander printed it
    if (e instanceof UsageError) {
      // Messages that name their command (`netpol matrix: ...`) are printed as they are.
      const message = escapeControlChars(e.message); // it may quote the user's input
      io.stderr(/^netpol\b/.test(message) ? `${message}\n` : `netpol: ${message}\n`);
      return EXIT.UNUSABLE;
    }
    const err = e as Error;
    io.stderr(`netpol: ${escapeControlChars(err?.message ?? String(e))}\n`);
    if (io.env.NETPOL_DEBUG) io.stderr(`${err?.stack ?? ''}\n`);
    else io.stderr('netpol: if this looks like a bug, run again with NETPOL_DEBUG=1 and report the output\n');
    return EXIT.UNUSABLE;
  }
}
