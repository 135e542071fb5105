import { Analyzer, Cluster } from '../../lib/analysis';
import { Protocol } from '../../lib/model';
import { generateCluster } from '../cluster-generator';
import { reportChild } from '../synth/workload';

// One analysis run, as a whole process: generate the objects (not timed), then read them into a
// Cluster and compute the full reachability matrix over 3 ports (timed).
const [pods, policies] = process.argv.slice(2).map(Number);
const generated = generateCluster(pods, policies);
const objects = [...generated.namespaces, ...generated.pods, ...generated.policies];

const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const cluster = Cluster.fromManifests(objects);
const t1 = process.hrtime.bigint();
const matrix = Analyzer.of(cluster).matrix({
  ports: [{ port: 8080, protocol: Protocol.TCP }, { port: 9090, protocol: Protocol.TCP }, { port: 53, protocol: Protocol.UDP }],
});
const allowed = matrix.countAllowed();
const t2 = process.hrtime.bigint();
const cpu = process.cpuUsage(cpu0);

const seconds = (a: bigint, b: bigint) => Number(b - a) / 1e9;
reportChild({
  readSeconds: seconds(t0, t1),
  matrixSeconds: seconds(t1, t2),
  seconds: seconds(t0, t2),
  // CPU time of the same span (all threads: the garbage collector's helpers count too).
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  endpoints: matrix.endpoints.length,
  classes: matrix.classCount,
  allowedCells: allowed,
  policies: cluster.policies.length,
});
