import type { IncomingMessage } from 'node:http';

/*
 * The address a request came from, for the per-address sign-in limit (lib/auth). The production
 * server (scripts/serve.ts) works it out for every request and passes it to the app in the
 * CLIENT_ADDRESS_HEADER, replacing any such header a client sent. X-Forwarded-For is believed only
 * as far as the operator says front proxies append to it (COUNTERWEIGHT_PROXY_HOPS): its leftmost
 * entries are whatever the client wrote, so reading them would let anyone pick a fresh address
 * for every attempt.
 */

export const CLIENT_ADDRESS_HEADER = 'x-counterweight-client-address';

/** The address the production server passed with a request ('direct' when there is none: tests, `next start`). */
export const clientAddressIn = (headers: Headers): string =>
  headers.get(CLIENT_ADDRESS_HEADER)?.slice(0, 64) || 'direct';

/** The number of trusted proxies in front of the server (0, the default: none). */
export function proxyHops(value = process.env.COUNTERWEIGHT_PROXY_HOPS): number {
  const hops = Number(value ?? 0);
  return Number.isInteger(hops) && hops >= 0 && hops <= 10 ? hops : 0;
}

/**
 * With no trusted proxy, the connection's own address. Behind `hops` proxies that each append the
 * address they received the request from, the entry the outermost trusted proxy appended (the
 * `hops`-th from the right); the connection's address when the header is shorter than that.
 */
export function clientAddressOf(request: IncomingMessage, hops: number): string {
  const socket = request.socket.remoteAddress ?? 'unknown';
  if (hops === 0) return socket;
  const header = request.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return (entries.length >= hops ? entries[entries.length - hops] : undefined)?.slice(0, 64) ?? socket;
}
