import { toDnsName } from '../model/validation';

/**
 * The naming rule of every policy construct (internal; documented on `PolicyOptions.name`).
 *
 * 1. The construct id is put in DNS-1123 form with `toDnsName` (`FrontendToApi` -> `frontend-to-api`).
 * 2. Without a pattern prefix (the `NetworkPolicy` L2) that is the name.
 * 3. If the id's words already contain the prefix's words, in order and adjacent, the id alone is
 *    the name (`allow-frontend-to-api` stays as is; so does `payments-default-deny`).
 * 4. Otherwise the prefix is put in front, and words the prefix ends with and the id starts with
 *    are written once: `allow-dns` + `dns` -> `allow-dns`, `default-deny` + `deny-all` ->
 *    `default-deny-all`, `allow` + `frontend-to-api` -> `allow-frontend-to-api`.
 *
 * No word of the id is ever dropped and no hash is added, so names are stable and readable; the
 * price is that two constructs may derive the same name, which is reported as a synth error.
 */
export function derivePolicyName(prefix: string, id: string): string {
  const idName = toDnsName(id);
  if (!prefix) return idName;
  if (!idName) return prefix;
  // Rule 3: the prefix's words, in order and adjacent, among the id's words.
  if (`-${idName}-`.includes(`-${prefix}-`)) return idName;
  // Rule 4: the longest run of words that ends the prefix and starts the id is written once.
  const words = prefix.split('-');
  for (let k = words.length - 1; k >= 0; k--) {
    const tail = words.slice(k).join('-');
    if (idName === tail) return prefix;
    if (idName.startsWith(`${tail}-`)) return prefix + idName.slice(tail.length);
  }
  return `${prefix}-${idName}`;
}
