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
  const p = prefix.split('-');
  const w = idName === '' ? [] : idName.split('-');
  if (containsRun(w, p)) return idName;
  for (let k = Math.min(p.length, w.length); k > 0; k--) {
    if (sameWords(p.slice(p.length - k), w.slice(0, k))) return [...p, ...w.slice(k)].join('-');
  }
  return [...p, ...w].join('-');
}

function containsRun(words: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= words.length; i++) {
    if (sameWords(words.slice(i, i + run.length), run)) return true;
  }
  return false;
}

function sameWords(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
