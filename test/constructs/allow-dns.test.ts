import { Chart, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { AllowDns, Select } from '../../lib';

function chart(): Chart {
  return new Chart(Testing.app(), 'payments', { namespace: 'payments' });
}

describe('AllowDns', () => {
  test('egress on UDP and TCP 53 to kube-dns pods AND the kube-system namespace, as one peer', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new AllowDns(c, 'dns');
    // THEN
    const [obj] = Testing.synth(c);
    expect(obj.metadata.name).toBe('allow-dns');
    expect(obj.spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        }],
        ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
      }],
    });
  });

  test('the DNS namespace and labels are configurable, and so are the client pods', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new AllowDns(c, 'dns', {
      pods: Select.pods({ app: 'api' }),
      dnsNamespace: 'dns-system',
      dnsLabels: { 'app.kubernetes.io/name': 'coredns' },
    });
    // THEN
    const [obj] = Testing.synth(c);
    expect(obj.spec.podSelector).toEqual({ matchLabels: { app: 'api' } });
    expect(obj.spec.egress[0].to).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns-system' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'coredns' } },
    }]);
  });

  test('an invalid DNS namespace fails synthesis with the construct path', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new AllowDns(c, 'dns', { dnsNamespace: 'Kube_System' });
    // THEN
    expect(() => Testing.synth(c)).toThrow(
      /\[payments\/dns\] dnsNamespace: Invalid value: "Kube_System": a lowercase RFC 1123 label must .* \(did you mean "kube-system"\?\)/,
    );
  });

  test('invalid DNS labels fail synthesis naming the prop, the value and the fix', () => {
    const c = chart();
    new AllowDns(c, 'dns', { dnsLabels: { 'k8s app': 'kube dns' } });
    let message = '';
    try {
      Testing.synth(c);
    } catch (e) {
      message = String(e);
    }
    expect(message).toContain('[payments/dns] dnsLabels: Invalid value: "k8s app": name part must consist of');
    expect(message).toContain('(did you mean "k8s-app"?)');
    expect(message).toContain('[payments/dns] dnsLabels: Invalid value: "kube dns": a valid label must be an empty string');
    expect(message).toContain('(did you mean "kube-dns"?)');
  });
});
