export { dns1123LabelErrors, dns1123SubdomainErrors, toDnsName, suggestDns1123Label, suggestDns1123Subdomain, namespaceHint, nameHint } from './names';
export { annotationErrors, labelKeyErrors, labelValueErrors, labelKeyHint, labelValueHint, TOTAL_ANNOTATION_SIZE_LIMIT } from './labels';
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
  ipv4FormOfMapped,
  INVALID_CIDR_MESSAGE,
} from './cidr';
export { quote, QUOTE_LIMIT } from './quote';
