import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressBlock, clientAddressOf, proxyHops, unbelievedForwarding } from '../../lib/client-address';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('the address a request came from', () => {
  it('is the connection’s own with no trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientAddressOf(request('203.0.113.9'), 0)).toBe('203.0.113.9');
    // A client that writes its own header gets no fresh address for each attempt.
    for (const forged of ['198.51.100.1', '198.51.100.2', '198.51.100.3, 10.0.0.1'])
      expect(clientAddressOf(request('203.0.113.9', forged), 0)).toBe('203.0.113.9');
  });

  it('is the entry the outermost trusted proxy appended, never one the client wrote', () => {
    // The client wrote 198.51.100.7; the one trusted proxy appended the address it saw.
    expect(clientAddressOf(request('10.0.0.2', '198.51.100.7, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddressOf(request('10.0.0.2', '203.0.113.9'), 1)).toBe('203.0.113.9');
    // Two proxies: the outer one appended the client's address, the inner one the outer's.
    expect(clientAddressOf(request('10.0.0.3', '198.51.100.7, 203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9');
    // A header shorter than the trusted hops (the proxy was bypassed): the connection's address.
    expect(clientAddressOf(request('203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddressOf(request('10.0.0.3', '203.0.113.9'), 2)).toBe('10.0.0.3');
  });

  it('is said to come through a proxy no setting trusts when it names an address it was forwarded for', () => {
    expect(unbelievedForwarding(request('10.0.0.2', '203.0.113.9'), 0)).toMatch(/set COUNTERWEIGHT_PROXY_HOPS/);
    // An empty header is still one a proxy wrote.
    expect(unbelievedForwarding(request('10.0.0.2', ''), 0)).not.toBeNull();
    expect(unbelievedForwarding(request('10.0.0.2', '203.0.113.9'), 1)).toBeNull();
    expect(unbelievedForwarding(request('203.0.113.9'), 0)).toBeNull();
    // From this machine: Next.js's own request for the page a form's action redirects to carries the header.
    for (const self of ['127.0.0.1', '::1', '::ffff:127.0.0.1'])
      expect(unbelievedForwarding(request(self, '127.0.0.1'), 0), self).toBeNull();
  });

  it('reads the number of trusted proxies, refusing nonsense', () => {
    expect(proxyHops(undefined)).toBe(0);
    expect(proxyHops('1')).toBe(1);
    for (const value of ['-1', '1.5', 'all', '99']) expect(proxyHops(value), value).toBe(0);
  });

  it('is counted for the sign-in limits by its /64 when it is IPv6 (a machine is given a whole block), as itself otherwise', () => {
    expect(addressBlock('2001:db8:5:7::1')).toBe('2001:db8:5:7::/64');
    expect(addressBlock('2001:DB8:0005:0007:ffff:1:2:3')).toBe('2001:db8:5:7::/64');
    expect(addressBlock('2001:db8::7:1')).toBe('2001:db8:0:0::/64');
    expect(addressBlock('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBlock('::')).toBe('0:0:0:0::/64');
    expect(addressBlock('64:ff9b::203.0.113.9')).toBe('64:ff9b:0:0::/64');
    // An IPv4 address written as IPv6 (a dual-stack socket) is the IPv4 address.
    expect(addressBlock('::ffff:203.0.113.9')).toBe('203.0.113.9');
    for (const address of ['203.0.113.9', 'direct', 'unknown', 'not:an:address', '1::2::3'])
      expect(addressBlock(address), address).toBe(address);
  });
});
