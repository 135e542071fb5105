import { Issue, Severity } from '../model';
import { quote } from '../model/validation/quote';

// `List` and typed lists (`PodList`, `NetworkPolicyList`, ...) as `kubectl get -o yaml` writes them.
// The API server returns the items of a typed list without `kind` and `apiVersion`; kubectl
// fills them in from the list (`NetworkPolicyList` -> `NetworkPolicy`, same apiVersion). A generic
// `List` (apiVersion v1) holds objects of any kind, each with its own kind and apiVersion. Lists
// may hold lists; every object found, however deep, is read (and validated) like a top-level one.

type Json = { [key: string]: unknown };

/** Lists nested deeper than this are refused (an error), so hostile input cannot recurse without end. */
export const MAX_LIST_DEPTH = 8;

/** One object found in a list. */
export interface ListItem {
  /** The item, with `kind` and `apiVersion` filled in from a typed list when it has none. */
  readonly json: Json;
  /** Its `kind` ('' when neither it nor its list says). */
  readonly kind: string;
  /** Path from the document to the item: `['items', 0, 'items', 3]`. */
  readonly path: Array<string | number>;
}

/** Whether an object is a list to read item by item: kind `List`, or `XxxList` with `items`. */
export function isList(json: Json): boolean {
  const kind = typeof json.kind === 'string' ? json.kind : '';
  return kind === 'List' || (kind.endsWith('List') && kind.length > 4 && 'items' in json);
}

/** `items[0].items[3]` for the path `['items', 0, 'items', 3]`. */
export function itemField(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * The objects of a list, nested lists flattened, in order. Problems (`items` not a list, an item
 * that is not an object, lists nested too deep) are `read-list-items` / `read-not-an-object`
 * errors whose field is the path inside the document.
 */
export function listItems(list: Json, issues: Issue[], path: Array<string | number> = [], depth = 1): ListItem[] {
  const out: ListItem[] = [];
  const kind = typeof list.kind === 'string' ? list.kind : '';
  if (depth > MAX_LIST_DEPTH) {
    issues.push({
      code: 'read-list-items', severity: Severity.ERROR, field: itemField(path) || undefined, object: kind,
      message: `lists nested more than ${MAX_LIST_DEPTH} deep are not read`, hint: 'write the objects in one List, or as separate YAML documents',
    });
    return out;
  }
  if (!Array.isArray(list.items)) {
    issues.push({ code: 'read-list-items', severity: Severity.ERROR, field: itemField([...path, 'items']), object: kind, message: `a ${kind} needs an \`items\` list, found ${describe(list.items)}` });
    return out;
  }
  // A typed list's items are of its kind (NetworkPolicyList -> NetworkPolicy), in its apiVersion.
  const itemKind = kind === 'List' ? '' : kind.slice(0, -'List'.length);
  const apiVersion = typeof list.apiVersion === 'string' ? list.apiVersion : undefined;
  list.items.forEach((item: unknown, i: number) => {
    const at = [...path, 'items', i];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({ code: 'read-not-an-object', severity: Severity.ERROR, field: itemField(at), object: kind, message: `expected a Kubernetes object, found ${describe(item)}` });
      return;
    }
    let json = item as Json;
    if (itemKind && !(typeof json.kind === 'string' && json.kind)) {
      // A rest/spread copy keeps every own key (`__proto__` included); kind and apiVersion first, as kubectl writes them.
      const { kind: _kind, apiVersion: own, ...rest } = json;
      const version = typeof own === 'string' && own ? own : apiVersion;
      json = version === undefined ? { kind: itemKind, ...rest } : { apiVersion: version, kind: itemKind, ...rest };
    }
    if (isList(json)) out.push(...listItems(json, issues, at, depth + 1));
    else out.push({ json, kind: typeof json.kind === 'string' ? json.kind : '', path: at });
  });
  return out;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${quote(v)}`;
  return `a ${typeof v} (${String(v)})`;
}
