import { main, nodeIo } from '../../lib/cli';

// bin/netpol run from the TypeScript sources, for when build/ has not been compiled.
void main(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code;
});
