// @acme/netpol-defaults: Acme's network policy constructs. Teams import these, never raw YAML.
export { ACME } from './acme-defaults';
export { AcmeNamespace, AcmeNamespaceProps } from './acme-namespace';
export { AcmeDatabase, AcmeDatabaseProps } from './acme-database';
export { AcmePlatformBaseline } from './acme-platform-baseline';
