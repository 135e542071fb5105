import { WORKLOAD_KINDS } from '../../manifest/read-workload';
import { dns1123LabelErrors, dns1123SubdomainErrors, labelKeyErrors, labelValueErrors, parseIp } from '../../model/validation';
import { escapeControlChars } from '../../model/untrusted-text';
import type { ProbeEndpoint, ProbeFlow, ProbeScriptOptions } from './probe-bash';

// Defence in depth for the probe script: every value it passes to kubectl must be one the API
// server would accept, so none can read as an option (`--kubeconfig=...`), a second word or a
// command, whatever the reader let through. The script quotes every value as well.

/** A value the probe script refuses to carry: nothing is written. */
export class ProbeScriptError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'ProbeScriptError';
  }
}

/** The problems of the flows and options, each naming the endpoint and quoting the value. */
export function probeScriptProblems(flows: ProbeFlow[], o: ProbeScriptOptions): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(o.timeout) || o.timeout < 1) problems.push(`timeout ${quote(String(o.timeout))}: use whole seconds`);
  // An image reference never holds whitespace or control characters (distribution/reference).
  if (!/^[^\s\u0000-\u001f\u007f-\u009f]+$/u.test(o.image)) problems.push(`--image ${quote(o.image)}: not an image reference (e.g. busybox:1.36)`);
  const seen = new Set<string>();
  for (const f of flows) {
    for (const e of [f.from, f.to]) {
      const key = `${e.kind}|${e.namespace}|${e.name}|${e.selector}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(...endpointProblems(e));
    }
    if (!Number.isInteger(f.port) || f.port < 1 || f.port > 65535) problems.push(`${shown(f.label)}: port ${quote(String(f.port))}: must be between 1 and 65535, inclusive`);
    if (f.expect !== 'allow' && f.expect !== 'deny') problems.push(`${shown(f.label)}: expectation ${quote(f.expect)}: use allow or deny`);
  }
  return problems;
}

function endpointProblems(e: ProbeEndpoint): string[] {
  if (e.kind === 'IP') return parseIp(e.name) ? [] : [`IP ${quote(e.name)}: not an IP address`];
  const where = `${e.kind} ${quote(`${e.namespace}/${e.name}`)}`;
  const out: string[] = [];
  if (e.kind !== 'Pod' && !WORKLOAD_KINDS.includes(e.kind)) out.push(`${where}: kind ${quote(e.kind)}: not a Pod or workload kind`);
  // Namespace names are RFC 1123 labels; Pod and workload names RFC 1123 subdomains (apimachinery
  // ValidateNamespaceName, NameIsDNSSubdomain), as VALIDATION.md V-2/V-3 quote the messages.
  for (const m of dns1123LabelErrors(e.namespace)) out.push(`${where}: metadata.namespace: Invalid value: ${quote(e.namespace)}: ${m}`);
  for (const m of dns1123SubdomainErrors(e.name)) out.push(`${where}: metadata.name: Invalid value: ${quote(e.name)}: ${m}`);
  if (e.selector !== '') {
    for (const pair of e.selector.split(',')) {
      const [key, value, ...rest] = pair.split('=');
      if (value === undefined || rest.length > 0) {
        out.push(`${where}: label ${quote(pair)}: not key=value`);
        continue;
      }
      for (const m of labelKeyErrors(key)) out.push(`${where}: metadata.labels: Invalid value: ${quote(key)}: ${m}`);
      for (const m of labelValueErrors(value)) out.push(`${where}: metadata.labels: Invalid value: ${quote(value)}: ${m}`);
    }
  }
  return out;
}

/** `"value"` as JSON quotes it, control characters escaped, abbreviated past 80 characters. */
function quote(v: string): string {
  return shown(JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v));
}

function shown(s: string): string {
  return escapeControlChars(s);
}
