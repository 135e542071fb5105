// NetworkPolicy (as PolicySpecs) -> idiomatic TypeScript using this library's constructs. PURE.
export { generateTypeScript, ImportOptions, ImportResult } from './generate-typescript';
