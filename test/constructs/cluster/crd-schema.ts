import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';

// The ClusterNetworkPolicy CRDs' openAPIV3Schema as a JSON Schema validator (test/fixtures/crds).
// What ajv does not check, the API server does: CEL rules (our readClusterPolicy enforces them)
// and the pruning of unknown fields, which kubectl's strict field validation turns into errors:
// every object schema with properties is closed here (`additionalProperties: false`) to match.

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'crds', 'network-policy-api');

function closed(schema: any): any {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closed(s)])) : closed(v);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** Validates one object against the CRD of `channel`; returns ajv's errors as `path: message` lines. */
export function crdValidator(channel: 'standard' | 'experimental'): (obj: unknown) => string[] {
  const crd = parse(fs.readFileSync(path.join(DIR, channel, 'policy.networking.k8s.io_clusternetworkpolicies.yaml'), 'utf8'));
  const version = crd.spec.versions.find((v: any) => v.storage);
  // Kubernetes formats (int32, cidr...) are not JSON Schema's: the CEL rules and readClusterPolicy check them.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(closed(version.schema.openAPIV3Schema));
  return (obj) => (validate(obj) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`));
}
