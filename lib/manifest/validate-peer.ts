import { Issue, Peer, PeerJson, Severity } from '../model';
import { BAD, Bad, JsonDecoder, child, remapIndexes } from './validate-decode';
import { DecodedSelector, SelectorValidationOptions, decodeSelector, ratchetSelectorIssues } from './validate-selector';

const PEER_FIELDS = ['podSelector', 'namespaceSelector', 'ipBlock'] as const;
const SELECTOR_KEYS = ['podSelector', 'namespaceSelector'] as const;
const IP_BLOCK_FIELDS = ['cidr', 'except'] as const;

/** Options of peer validation (update ratchets, strict CIDRs). */
export interface PeerValidationOptions extends SelectorValidationOptions {
  /** Report non-canonical CIDRs (V-22) as errors, as with the StrictIPCIDRValidation gate. */
  readonly strictCidr?: boolean;
  /** `AllowCIDRsEvenIfInvalid`: cidr/except strings of the old object, accepted unchanged on update. */
  readonly allowCidrs?: ReadonlySet<string>;
}

/**
 * Decodes and validates one `from`/`to` entry as `ValidateNetworkPolicyPeer` does: each selector
 * (V-5..V-10), the ipBlock (V-20..V-24), then V-18 (something must be set) and V-19 (ipBlock alone).
 * @param peerKey `from` or `to`, for hints
 */
export function validatePeerJson(d: JsonDecoder, raw: unknown, path: string, peerKey: string, options: PeerValidationOptions): Issue[] {
  const obj = raw === null || raw === undefined ? {} : d.object(raw, path, 'a peer object {podSelector, namespaceSelector, ipBlock}',
    typeof raw === 'string' ? `a peer is an object, e.g. {ipBlock: {cidr: ${raw}}} or {podSelector: {matchLabels: {...}}}` : undefined);
  if (obj === undefined || obj === BAD) return [];
  d.unknownFields(obj, path, PEER_FIELDS, () => peerHints(obj, peerKey));

  const pods = decodeSelector(d, obj.podSelector, child(path, 'podSelector'), 'pod');
  const namespaces = decodeSelector(d, obj.namespaceSelector, child(path, 'namespaceSelector'), 'namespace');
  const block = decodeIpBlock(d, obj.ipBlock, child(path, 'ipBlock'));
  const issues: Issue[] = [];

  // Selectors through the model's Peer (PodPeer / NamespacePeer / PodsInNamespacesPeer).
  const selectors: { podSelector?: DecodedSelector; namespaceSelector?: DecodedSelector } = {};
  if (pods !== undefined && pods !== BAD) selectors.podSelector = pods;
  if (namespaces !== undefined && namespaces !== BAD) selectors.namespaceSelector = namespaces;
  if (selectors.podSelector || selectors.namespaceSelector) {
    const json: { podSelector?: DecodedSelector['json']; namespaceSelector?: DecodedSelector['json'] } = {};
    if (selectors.podSelector) json.podSelector = selectors.podSelector.json;
    if (selectors.namespaceSelector) json.namespaceSelector = selectors.namespaceSelector.json;
    let found = Peer._fromJson(json as PeerJson).validate(path);
    if (found.length > 0) {
      for (const key of SELECTOR_KEYS) {
        const s = selectors[key];
        if (s) found = remapIndexes(found, `${path}.${key}.matchExpressions`, s.kept);
      }
      issues.push(...ratchetSelectorIssues(found, options));
    }
  }

  // The ipBlock through the model's IpBlockPeer.
  if (block !== undefined && block !== BAD) issues.push(...validateIpBlock(block, path, options));

  const count = (pods !== undefined ? 1 : 0) + (namespaces !== undefined ? 1 : 0) + (block !== undefined ? 1 : 0);
  if (count === 0) {
    issues.push({
      code: 'V-18', severity: Severity.ERROR, field: path,
      message: 'Required value: must specify a peer',
      hint: emptyPeerHint(obj, peerKey),
    });
  } else if (count > 1 && block !== undefined) {
    issues.push({
      code: 'V-19', severity: Severity.ERROR, field: path,
      message: 'Forbidden: may not specify both ipBlock and another peer',
      hint: 'an ipBlock cannot be combined with selectors; make them two entries of the list (either one is allowed)',
    });
  }
  return issues;
}

interface DecodedIpBlock {
  readonly cidr: string | undefined | Bad;
  readonly except: (string | Bad)[];
}

function decodeIpBlock(d: JsonDecoder, raw: unknown, path: string): DecodedIpBlock | undefined | Bad {
  const obj = d.object(raw, path, 'an ipBlock object {cidr, except}',
    typeof raw === 'string' ? `write ipBlock: {cidr: ${raw}}` : undefined);
  if (obj === undefined || obj === BAD) return obj;
  d.unknownFields(obj, path, IP_BLOCK_FIELDS, { exceptions: 'did you mean "except"?', cidrs: 'one ipBlock has one cidr; use one peer per block' });
  const cidr = d.string(obj.cidr, child(path, 'cidr'));
  const except = d.stringList(obj.except, child(path, 'except'), 'a list of CIDRs');
  return { cidr, except: except === undefined || except === BAD ? [] : except };
}

function validateIpBlock(block: DecodedIpBlock, path: string, options: PeerValidationOptions): Issue[] {
  if (block.cidr === BAD) return [];
  const kept: number[] = [];
  const except: string[] = [];
  block.except.forEach((e, k) => {
    if (e === BAD) return;
    kept.push(k);
    except.push(e);
  });
  const base = `${path}.ipBlock`;
  const issues = remapIndexes(
    Peer._fromJson({ ipBlock: { cidr: block.cidr ?? '', except } }).validate(path, options.strictCidr ?? false),
    `${base}.except`,
    kept,
  );
  const allowed = options.allowCidrs;
  if (!allowed || allowed.size === 0) return issues;
  // On update a CIDR string already present in the old object skips the parse checks (V-21..V-23).
  const textAt = (field: string): string | undefined => {
    if (field === `${base}.cidr`) return block.cidr as string | undefined;
    const m = /\.except\[(\d+)\]$/.exec(field);
    return m && field.startsWith(`${base}.except[`) ? (block.except[Number(m[1])] as string) : undefined;
  };
  return issues.filter((i) => !(['V-21', 'V-22', 'V-23'].includes(i.code) && allowed.has(textAt(i.field ?? '') ?? '\u0000')));
}

/** Hints for keys that belong elsewhere, written inside a peer. */
function peerHints(obj: { [key: string]: unknown }, peerKey: string): { [key: string]: string } {
  const hints: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'ports' || k === 'port') {
      hints[k] = `ports belong to the rule, not to a peer: indent \`ports\` at the level of \`${peerKey}\``;
    } else if (k === 'cidr' || k === 'except') {
      hints[k] = `${k} goes inside ipBlock: {ipBlock: {cidr: ...}}`;
    } else if (k === 'namespace' || k === 'namespaces') {
      hints[k] = typeof v === 'string'
        ? `did you mean namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${v}}}?`
        : 'did you mean "namespaceSelector"?';
    } else if (k === 'from' || k === 'to') {
      hints[k] = `a peer is one entry of \`${peerKey}\`; \`${k}\` cannot be nested inside it`;
    }
  }
  return hints;
}

function emptyPeerHint(obj: { [key: string]: unknown }, peerKey: string): string {
  const nulls = PEER_FIELDS.filter((k) => Object.prototype.hasOwnProperty.call(obj, k) && obj[k] === null);
  if (nulls.length > 0) {
    return `"${nulls[0]}:" with no value is null, which counts as absent: write ${nulls[0]}: {} to select every ${nulls[0] === 'ipBlock' ? 'address' : nulls[0] === 'podSelector' ? 'pod of the namespace' : 'namespace'}`;
  }
  return `use podSelector: {} (every pod of the namespace), namespaceSelector: {} (every pod of the cluster), or omit \`${peerKey}\` to allow every ${peerKey === 'from' ? 'source' : 'destination'}`;
}
