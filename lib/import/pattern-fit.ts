import { renderNetworkPolicy } from '../manifest/render-network-policy';
import { IpBlockPeer, LabelSelector, Peer, PolicySpec, Port, Rule } from '../model';
import {
  DEFAULT_DATABASE_CLIENT_LABELS,
  DEFAULT_DNS_LABELS,
  DEFAULT_DNS_NAMESPACE,
  DEFAULT_INGRESS_CONTROLLER_LABELS,
  DEFAULT_INGRESS_CONTROLLER_NAMESPACE,
  DEFAULT_SCRAPE_OPT_IN_LABELS,
  INTENT_ANNOTATION,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  PATTERN_LABEL,
  PRIVATE_IPV4_RANGES,
  PRIVATE_IPV6_RANGES,
  PatternDirection,
  allowFromIngressController,
  allowInternetEgress,
  allowSameNamespace,
  databaseTier,
  defaultScraper,
  dnsEgressRule,
  monitoringScrape,
} from '../patterns';
import { Code, arr, labels, ref, str } from './code';
import { namespaceNames, portCode, sameJson, selectCode } from './model-code';

// The pattern constructs, where a policy is exactly what the pattern would write. A candidate is
// recognised by shape, then confirmed by running the pattern's own recipe on the derived props
// and comparing the result with the policy: same spec, and every label and annotation of the
// policy kept. Every pattern adds its audit metadata (app.kubernetes.io/managed-by,
// netpol.cdk8s.io/pattern, netpol.cdk8s.io/intent, lint suppressions); a fit says which of it the
// policy lacks (`added`), and the caller decides whether that is allowed.

/** A pattern construct call that reproduces one policy. */
export interface PatternFit {
  readonly construct: string;
  /** Name prefix of the construct's naming rule ('' or 'allow'). */
  readonly namePrefix: string;
  /** Props besides name, labels and annotations. */
  readonly props: Array<[string, Code | undefined]>;
  /** Labels and annotations to pass (the policy's own, without the audit metadata). */
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
  /** What the construct writes that the policy lacks, e.g. `label netpol.cdk8s.io/pattern=database-tier`. */
  readonly added: string[];
}

interface Candidate {
  readonly construct: string;
  readonly pattern: string;
  readonly namePrefix: string;
  readonly props: Array<[string, Code | undefined]>;
  readonly recipe: (meta: { name: string; namespace: string; labels: { [k: string]: string }; annotations: { [k: string]: string } }) => PolicySpec[];
}

/** Database ports DatabaseTier is offered for. */
const DATABASE_PORTS = [Port.POSTGRES, Port.MYSQL, Port.REDIS, Port.MONGODB, Port.ELASTICSEARCH, Port.MEMCACHED];

const types = (s: PolicySpec) => s.policyTypes.join(',');
const json = (x: { toJson(k?: string): unknown }, k?: string) => x.toJson(k);
const samePeers = (a: Peer[], b: Peer[]) => sameJson(a.map((p) => p.toJson()), b.map((p) => p.toJson()));

/** The first pattern construct that writes exactly `spec`, or undefined. */
export function fitPattern(spec: PolicySpec, peers: (list: Peer[]) => Code): PatternFit | undefined {
  for (const candidate of candidates(spec, peers)) {
    const fit = confirm(spec, candidate);
    if (fit) return fit;
  }
  return undefined;
}

function candidates(spec: PolicySpec, peers: (list: Peer[]) => Code): Candidate[] {
  const out: Candidate[] = [];
  const target = (dflt?: { [k: string]: string }) =>
    dflt && sameJson(spec.podSelector.toJson(), { matchLabels: dflt }) ? undefined : selectCode(spec.podSelector).code;
  const ing = spec.ingress;
  const eg = spec.egress;

  // DatabaseTier: both directions; ingress from the clients on one database port; egress none or DNS only.
  if (types(spec) === 'Ingress,Egress' && ing.length === 1 && ing[0].peers.length > 0 && ing[0].ports.length === 1
    && DATABASE_PORTS.some((p) => sameJson(p.toJson(), ing[0].ports[0].toJson()))
    && (eg.length === 0 || (eg.length === 1 && dnsTarget(eg[0]) !== undefined))) {
    const clients = ing[0].peers;
    const port = ing[0].ports[0];
    const dns = eg.length === 1 ? dnsTarget(eg[0])! : undefined;
    const defaultClients = samePeers(clients, [Peer.pods({ ...DEFAULT_DATABASE_CLIENT_LABELS })]);
    out.push({
      construct: 'DatabaseTier', pattern: 'database-tier', namePrefix: '',
      props: [
        ['database', selectCode(spec.podSelector).code],
        ['clients', defaultClients ? undefined : peers(clients)],
        ['port', sameJson(json(port), json(Port.POSTGRES)) ? undefined : portCode(port).code],
        ['allowDns', dns ? ref('true') : undefined],
        ['dnsNamespace', dns && dns.namespace !== DEFAULT_DNS_NAMESPACE ? str(dns.namespace) : undefined],
        ['dnsLabels', dns && !sameJson(dns.labels, DEFAULT_DNS_LABELS) ? labels(dns.labels) : undefined],
      ],
      recipe: (m) => databaseTier({
        ...m, database: spec.podSelector, clients: defaultClients ? undefined : clients, port,
        allowDns: dns !== undefined, dns: dns ? { namespace: dns.namespace, labels: dns.labels } : undefined,
      }),
    });
  }

  const oneIngressRule = types(spec) === 'Ingress' && eg.length === 0 && ing.length === 1;
  // AllowMonitoringScrape: Prometheus (pods app=prometheus AND namespace monitoring) on listed ports.
  if (oneIngressRule && ing[0].ports.length > 0 && samePeers(ing[0].peers, [defaultScraper()])) {
    const ports = ing[0].ports;
    const defaultPorts = sameJson(ports.map((p) => p.toJson()), [Port.PROMETHEUS.toJson()]);
    out.push({
      construct: 'AllowMonitoringScrape', pattern: 'monitoring-scrape', namePrefix: 'allow',
      props: [
        ['targets', target(DEFAULT_SCRAPE_OPT_IN_LABELS)],
        ['ports', defaultPorts ? undefined : arr(ports.map((p) => portCode(p).code))],
      ],
      recipe: (m) => monitoringScrape({ ...m, targets: spec.podSelector, ports }),
    });
  }

  // AllowFromIngressController: one peer, the controller's pods AND its namespace (by name).
  const controller = oneIngressRule && ing[0].peers.length === 1 ? controllerOf(ing[0].peers[0]) : undefined;
  const looksLikeController = (c: { namespace: string; labels: { [k: string]: string } }) =>
    sameJson(c.labels, DEFAULT_INGRESS_CONTROLLER_LABELS) || /ingress|gateway/.test([c.namespace, ...Object.values(c.labels)].join(' '));
  if (controller && looksLikeController(controller)) {
    const ports = ing[0].ports;
    out.push({
      construct: 'AllowFromIngressController', pattern: 'ingress-controller', namePrefix: 'allow',
      props: [
        ['backends', selectCode(spec.podSelector).code],
        ['controllerNamespace', controller.namespace === DEFAULT_INGRESS_CONTROLLER_NAMESPACE ? undefined : str(controller.namespace)],
        ['controllerLabels', sameJson(controller.labels, DEFAULT_INGRESS_CONTROLLER_LABELS) ? undefined : labels(controller.labels)],
        ['ports', ports.length > 0 ? arr(ports.map((p) => portCode(p).code)) : undefined],
      ],
      recipe: (m) => allowFromIngressController({
        ...m, backends: spec.podSelector, controllerNamespace: controller.namespace, controllerLabels: controller.labels,
        ports: ports.length > 0 ? ports : undefined,
      }),
    });
  }

  // AllowSameNamespace: every pod, to/from every pod of the namespace (`podSelector: {}` peer).
  const sameNs = (rules: Rule[]) => rules.length === 1 && sameJson(json(rules[0], 'from'), json(Rule.allow({ peers: [Peer.sameNamespace()] }), 'from'));
  if (spec.podSelector.isEverything()) {
    const direction = types(spec) === 'Ingress,Egress' && sameNs(ing) && sameNs(eg) ? PatternDirection.BOTH
      : types(spec) === 'Ingress' && sameNs(ing) && eg.length === 0 ? PatternDirection.INGRESS
        : types(spec) === 'Egress' && sameNs(eg) && ing.length === 0 ? PatternDirection.EGRESS : undefined;
    if (direction) {
      const word = { [PatternDirection.BOTH]: undefined, [PatternDirection.INGRESS]: 'INGRESS', [PatternDirection.EGRESS]: 'EGRESS' }[direction];
      out.push({
        construct: 'AllowSameNamespace', pattern: 'same-namespace', namePrefix: 'allow',
        props: [['direction', word ? ref(`Direction.${word}`) : undefined]],
        recipe: (m) => allowSameNamespace({ ...m, direction }),
      });
    }
  }

  // AllowInternetEgress: 0.0.0.0/0 (and ::/0) minus at least the private ranges, on listed ports.
  if (types(spec) === 'Egress' && ing.length === 0 && eg.length === 1 && eg[0].ports.length > 0) {
    const blocks = eg[0].peers;
    const v4 = blocks[0];
    const v6 = blocks[1];
    const covers = (p: Peer | undefined, cidr: string, privates: readonly string[]) =>
      p instanceof IpBlockPeer && p.cidr === cidr && privates.every((r) => p.except.includes(r));
    if ((blocks.length === 1 || blocks.length === 2) && covers(v4, '0.0.0.0/0', PRIVATE_IPV4_RANGES)
      && (blocks.length === 1 || covers(v6, '::/0', PRIVATE_IPV6_RANGES))) {
      const extra = [
        ...(v4 as IpBlockPeer).except.filter((e) => !PRIVATE_IPV4_RANGES.includes(e)),
        ...(v6 ? (v6 as IpBlockPeer).except.filter((e) => !PRIVATE_IPV6_RANGES.includes(e)) : []),
      ];
      const ports = eg[0].ports;
      const defaultPorts = sameJson(ports.map((p) => p.toJson()), [Port.HTTPS.toJson()]);
      out.push({
        construct: 'AllowInternetEgress', pattern: 'internet-egress', namePrefix: 'allow',
        props: [
          ['pods', spec.podSelector.isEverything() ? undefined : selectCode(spec.podSelector).code],
          ['ports', defaultPorts ? undefined : arr(ports.map((p) => portCode(p).code))],
          ['ipv6', v6 ? ref('true') : undefined],
          ['exceptAlso', extra.length > 0 ? arr(extra.map(str)) : undefined],
        ],
        recipe: (m) => allowInternetEgress({ ...m, pods: spec.podSelector, ports, ipv6: v6 !== undefined, exceptAlso: extra }),
      });
    }
  }
  return out;
}

/** Runs the recipe with the policy's own metadata and keeps the candidate only on an exact match. */
function confirm(spec: PolicySpec, c: Candidate): PatternFit | undefined {
  const own = { ...spec.labels };
  if (own[MANAGED_BY_LABEL] === MANAGED_BY_VALUE) delete own[MANAGED_BY_LABEL];
  if (own[PATTERN_LABEL] === c.pattern) delete own[PATTERN_LABEL];
  const meta = { name: spec.name, namespace: spec.namespace, labels: own, annotations: {} as { [k: string]: string } };
  let produced: PolicySpec[];
  try {
    const intent = c.recipe(meta)[0]?.annotations[INTENT_ANNOTATION];
    const annotations = { ...spec.annotations };
    if (annotations[INTENT_ANNOTATION] === intent) delete annotations[INTENT_ANNOTATION];
    meta.annotations = annotations;
    produced = c.recipe(meta);
  } catch {
    return undefined;
  }
  if (produced.length !== 1) return undefined;
  const want = renderNetworkPolicy(spec);
  const got = renderNetworkPolicy(produced[0]);
  if (!sameJson(got.spec, want.spec)) return undefined;
  const keeps = (mine: { [k: string]: string }, theirs: { [k: string]: string } | undefined) =>
    Object.entries(mine).every(([k, v]) => theirs?.[k] === v);
  if (!keeps(spec.labels, got.metadata.labels) || !keeps(spec.annotations, got.metadata.annotations)) return undefined;
  const extra = (what: string, mine: { [k: string]: string }, theirs: { [k: string]: string } | undefined) =>
    Object.entries(theirs ?? {}).filter(([k]) => !Object.prototype.hasOwnProperty.call(mine, k)).map(([k, v]) => `${what} ${k}=${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`);
  const added = [...extra('label', spec.labels, got.metadata.labels), ...extra('annotation', spec.annotations, got.metadata.annotations)];
  return { construct: c.construct, namePrefix: c.namePrefix, props: c.props, labels: own, annotations: meta.annotations, added };
}

/** The DNS target of a rule that is exactly the DNS egress rule (UDP+TCP 53 to the DNS pods). */
function dnsTarget(rule: Rule): { namespace: string; labels: { [k: string]: string } } | undefined {
  if (rule.peers.length !== 1) return undefined;
  const found = controllerOf(rule.peers[0]);
  if (!found) return undefined;
  return sameJson(json(rule, 'to'), json(dnsEgressRule(found), 'to')) ? found : undefined;
}

/** Pods labelled L (labels only) AND in the namespace named N: `{ namespace: N, labels: L }`. */
export function controllerOf(peer: Peer): { namespace: string; labels: { [k: string]: string } } | undefined {
  const j = peer.toJson();
  if (!j.podSelector || !j.namespaceSelector || j.podSelector.matchExpressions || !j.podSelector.matchLabels) return undefined;
  const names = namespaceNames(LabelSelector._fromJson(j.namespaceSelector));
  if (!names || names.length !== 1) return undefined;
  return { namespace: names[0], labels: { ...j.podSelector.matchLabels } };
}

/** The DNS target of AllowDns's rule, for the core AllowDns construct. */
export function allowDnsTarget(spec: PolicySpec): { namespace: string; labels: { [k: string]: string } } | undefined {
  if (types(spec) !== 'Egress' || spec.ingress.length > 0 || spec.egress.length !== 1) return undefined;
  return dnsTarget(spec.egress[0]);
}

