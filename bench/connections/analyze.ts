import { Cluster } from '../../lib/analysis';
import { addressRanges, blockBoundaries } from '../../lib/analysis/address-ranges';
import { ClassConnections } from '../../lib/analysis/connection-matrix';
import { externalSubject } from '../../lib/analysis/subject';
import { generateCluster } from '../cluster-generator';
import { reportChild } from '../synth/workload';

// One connection-set analysis run, as a whole process: generate the objects and read them into a
// Cluster (not timed), then build the class connection sets over every port (pods and the address
// ranges the policies distinguish, as `netpol connections` does) and ask every ordered pair of
// classes (timed).
const [pods, policies] = process.argv.slice(2).map(Number);
const generated = generateCluster(pods, policies);
const cluster = Cluster.fromManifests([...generated.namespaces, ...generated.pods, ...generated.policies]);
const outside = addressRanges(blockBoundaries(cluster.policies, cluster._clusterPolicies)).map((r) => externalSubject(r.first));

const t0 = process.hrtime.bigint();
const c = new ClassConnections([...cluster._subjects, ...outside], cluster.policies, cluster._clusterPolicies);
const t1 = process.hrtime.bigint();
const C = c.classes.reps.length;
let nonEmpty = 0;
for (let s = 0; s < C; s++) for (let d = 0; d < C; d++) if (!c.between(s, d).isEmpty()) nonEmpty++;
const t2 = process.hrtime.bigint();

const seconds = (a: bigint, b: bigint) => Number(b - a) / 1e9;
reportChild({ buildSeconds: seconds(t0, t1), pairsSeconds: seconds(t1, t2), seconds: seconds(t0, t2), classes: C, classPairs: C * C, nonEmptyPairs: nonEmpty });
