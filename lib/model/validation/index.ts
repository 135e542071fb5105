export { dns1123LabelErrors, dns1123SubdomainErrors, toDnsName } from './names';
export { labelKeyErrors, labelValueErrors } from './labels';
export { portNameErrors, portNumberErrors } from './ports';
export {
  ParsedCidr,
  IpFamily,
  parseCidr,
  parseIp,
  ipInCidr,
  cidrContains,
  cidrStrictlyContains,
  cidrHint,
  INVALID_CIDR_MESSAGE,
} from './cidr';
