import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf, proxyHops } from '../../lib/client-address';

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

  it('reads the number of trusted proxies, refusing nonsense', () => {
    expect(proxyHops(undefined)).toBe(0);
    expect(proxyHops('1')).toBe(1);
    for (const value of ['-1', '1.5', 'all', '99']) expect(proxyHops(value), value).toBe(0);
  });
});
