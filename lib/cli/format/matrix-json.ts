import { Matrix } from '../../analysis';
import { safeJson } from './json';

/**
 * `{"ports":[{"port":80,"protocol":"TCP"}],"endpoints":["x/a","ip:1.2.3.4"],
 *   "results":[{"from":"x/a","to":"y/b","port":80,"protocol":"TCP","allowed":true}]}`;
 * results hold every ordered pair of distinct endpoints, for every port, in endpoint order.
 */
export function formatMatrixJson(matrix: Matrix): string {
  return safeJson({
    ports: matrix.ports.map((p) => ({ port: p.port, protocol: p.protocol })),
    endpoints: [...matrix.endpoints],
    results: matrix.entries().map((e) => ({ from: e.from, to: e.to, port: e.port, protocol: e.protocol, allowed: e.allowed })),
  }) + '\n';
}
