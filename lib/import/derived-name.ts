import { toDnsName } from '../model/validation';

/**
 * Whether a construct whose id is the policy's name derives exactly that name, so the generated
 * code can leave `name` out. It answers with the constructs' naming rule (PolicyOptions.name):
 * the id in DNS-1123 form, as it is when there is no pattern prefix or when its words already
 * contain the prefix's words in order and adjacent; otherwise the prefix would be put in front.
 * A wrong "true" would rename a policy, which the import round-trip tests would catch.
 */
export function derivesOwnName(prefix: string, name: string): boolean {
  if (toDnsName(name) !== name) return false;
  if (!prefix) return true;
  const words = name.split('-');
  const run = prefix.split('-');
  for (let i = 0; i + run.length <= words.length; i++) {
    if (run.every((w, k) => words[i + k] === w)) return true;
  }
  return false;
}
