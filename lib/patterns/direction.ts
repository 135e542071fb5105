import { PolicyType } from '../model';

/** Which directions a pattern opens (and therefore isolates: any policy selecting a pod for a direction isolates it, rule 2). */
export enum PatternDirection {
  INGRESS = 'ingress',
  EGRESS = 'egress',
  BOTH = 'both',
}

export function includesIngress(d: PatternDirection): boolean {
  return d === PatternDirection.INGRESS || d === PatternDirection.BOTH;
}

export function includesEgress(d: PatternDirection): boolean {
  return d === PatternDirection.EGRESS || d === PatternDirection.BOTH;
}

export function policyTypesOf(d: PatternDirection): PolicyType[] {
  return [
    ...(includesIngress(d) ? [PolicyType.INGRESS] : []),
    ...(includesEgress(d) ? [PolicyType.EGRESS] : []),
  ];
}
