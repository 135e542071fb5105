import { describe, expect, test } from 'vitest';
import { LabelSelector, Peer, PolicySpec, PolicySpecProps, PolicyType, Port, Rule } from '../../lib/model';
import { NetpolValidationError } from '../../lib/model/validation-error';

const base: PolicySpecProps = { name: 'np', namespace: 'demo', podSelector: LabelSelector.everything() };
const { INGRESS, EGRESS } = PolicyType;

describe('PolicySpec policyTypes', () => {
  test.each([
    ['ingress given', { ingress: [Rule.allowAll()] }, [INGRESS]],
    ['empty ingress given (deny all ingress)', { ingress: [] }, [INGRESS]],
    ['egress given', { egress: [] }, [EGRESS]],
    ['both given', { egress: [Rule.allowAll()], ingress: [] }, [INGRESS, EGRESS]],
    ['neither given: Kubernetes defaults to Ingress (rule 5)', {}, [INGRESS]],
    ['explicit, reordered and deduplicated', { policyTypes: [EGRESS, INGRESS, EGRESS] }, [INGRESS, EGRESS]],
    ['explicit Egress with ingress rules (the rules are inert)', { policyTypes: [EGRESS], ingress: [Rule.allowAll()] }, [EGRESS]],
    ['explicit empty list with egress rules: Ingress and Egress (rule 5)', { policyTypes: [], egress: [Rule.allowAll()] }, [INGRESS, EGRESS]],
    ['explicit empty list without egress rules: Ingress', { policyTypes: [] }, [INGRESS]],
  ])('%s', (_name, props, types) => {
    const spec = PolicySpec.create({ ...base, ...props });
    expect(spec.policyTypes).toEqual(types);
    expect(spec.isolatesIngress).toBe(types.includes(INGRESS));
    expect(spec.isolatesEgress).toBe(types.includes(EGRESS));
  });
});

describe('PolicySpec.validate', () => {
  test('a valid spec has no issues and an id', () => {
    const spec = PolicySpec.create({ ...base, ingress: [Rule.allow({ peers: [Peer.pods({ app: 'a' })], ports: [Port.HTTP] })] });
    expect(spec.validate()).toEqual([]);
    expect(spec.id).toBe('demo/np');
  });

  test('reports metadata, podSelector and rule problems with JSON paths, in the API server order', () => {
    const spec = PolicySpec._of({
      name: 'Bad_Name',
      namespace: '',
      podSelector: LabelSelector._fromJson({ matchLabels: { 'a b': 'x' } }),
      labels: { team: '-x' },
      annotations: { 'a/b/c': 'x' },
      ingress: [Rule._of([Peer._fromJson({ ipBlock: { cidr: '10.0.0.1' } })], [])],
      egress: [Rule.allowAll(), Rule._of([], [Port._fromJson({ port: 'HTTP' })])],
    });
    expect(spec.validate().map((i) => `${i.code} ${i.field}`)).toEqual([
      'V-2 metadata.name',
      'V-3 metadata.namespace',
      'V-4 metadata.labels',
      'V-4 metadata.annotations',
      'V-5 spec.podSelector.matchLabels',
      'V-21 spec.ingress[0].from[0].ipBlock.cidr',
      'V-13 spec.egress[1].ports[0].port',
      'V-13 spec.egress[1].ports[0].port',
    ]);
  });

  test('a missing name and namespace are required values', () => {
    const issues = PolicySpec._of({ ...base, name: '', namespace: '' }).validate();
    expect(issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'metadata.name: Required value: name or generateName is required',
      'metadata.namespace: Required value',
    ]);
  });

  test('create throws every error; non-canonical CIDRs are errors there (the SDK emits canonical strings)', () => {
    const make = () => PolicySpec.create({ ...base, name: 'x_y', egress: [Rule._of([Peer._fromJson({ ipBlock: { cidr: '10.0.0.1/8' } })], [])] });
    expect(make).toThrow(NetpolValidationError);
    try {
      make();
    } catch (e) {
      expect((e as NetpolValidationError).issues.map((i) => `${i.code} ${i.field}`)).toEqual(['V-2 metadata.name', 'V-22 spec.egress[0].to[0].ipBlock.cidr']);
    }
    const lenient = PolicySpec._of({ ...base, egress: [Rule._of([Peer._fromJson({ ipBlock: { cidr: '10.0.0.1/8' } })], [])] });
    expect(lenient.validate().map((i) => i.severity)).toEqual(['warning']);
  });

  test('bad names, namespaces and labels get the nearest valid form as a hint', () => {
    const spec = PolicySpec._of({ ...base, name: 'Allow_DB', namespace: 'Team.A', labels: { 'owner team': 'Payments Team' } });
    expect(spec.validate().map((i) => [i.field, i.hint])).toEqual([
      ['metadata.name', 'did you mean "allow-db"?'],
      ['metadata.namespace', 'did you mean "team-a"?'],
      ['metadata.labels', 'did you mean "owner-team"?'],
      ['metadata.labels', 'did you mean "Payments-Team"?'],
    ]);
  });

  test('annotation keys are checked lowercased (ValidateAnnotations)', () => {
    expect(PolicySpec._of({ ...base, annotations: { 'Example.COM/Owner': 'x' } }).validate()).toEqual([]);
  });

  test('props are copied', () => {
    const labels = { a: 'b' };
    const ingress = [Rule.allowAll()];
    const spec = PolicySpec.create({ ...base, labels, ingress });
    labels.a = 'changed';
    ingress.push(Rule.allowAll());
    expect(spec.labels).toEqual({ a: 'b' });
    expect(spec.ingress).toHaveLength(1);
  });
});
