// The CLI entry point (separate from the library's public surface in lib/index.ts).
export { main } from './main';
export { CliIo, PathKind } from './io';
export { nodeIo, packageVersion } from './node-io';
