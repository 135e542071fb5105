import { Matrix } from '../../analysis';
import { chunked } from './connections';
import { safeJson } from './json';
import { collect, forEachEntry } from './matrix-stream';

/**
 * `{"ports":[{"port":80,"protocol":"TCP"}],"endpoints":["x/a","ip:1.2.3.4"],
 *   "results":[{"from":"x/a","to":"y/b","port":80,"protocol":"TCP","allowed":true}]}`;
 * results hold every ordered pair of distinct endpoints, for every port, in endpoint order.
 * Written in chunks, as the text `safeJson` (indented by 2) gives for that object.
 */
export function writeMatrixJson(matrix: Matrix, write: (text: string) => void): void {
  const out = chunked(write);
  const head = safeJson({ ports: matrix.ports.map((p) => ({ port: p.port, protocol: p.protocol })), endpoints: [...matrix.endpoints] });
  out.add(`${head.slice(0, -2)},\n  "results": [`); // head ends with "\n}"
  const name = new Map<string, string>();
  const str = (s: string) => {
    let j = name.get(s);
    if (j === undefined) name.set(s, (j = safeJson(s)));
    return j;
  };
  let first = true;
  forEachEntry(matrix, (e) => {
    out.add(`${first ? '' : ','}\n    {\n      "from": ${str(e.from)},\n      "to": ${str(e.to)},\n      "port": ${e.port},\n      "protocol": ${str(e.protocol)},\n      "allowed": ${e.allowed}\n    }`);
    first = false;
  });
  out.add(first ? ']\n}\n' : '\n  ]\n}\n');
  out.flush();
}

/** `writeMatrixJson` as one string. */
export function formatMatrixJson(matrix: Matrix): string {
  return collect((w) => writeMatrixJson(matrix, w));
}
