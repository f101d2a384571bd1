import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

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

/**
 * What the server says, once, when a request from another machine names the address it was
 * forwarded for and the settings trust no proxy: if a proxy does stand in front, every client is
 * counted as its one address, and five wrong passwords from anyone lock an account for everyone.
 * Null when there is nothing to say: a trusted proxy, no such header, or a request from this
 * machine, which Next.js itself sends with the header (rendering the page a form's action
 * redirects to); a proxy on the same machine goes unnoticed.
 */
export function unbelievedForwarding(request: IncomingMessage, hops: number): string | null {
  if (hops > 0 || request.headers['x-forwarded-for'] === undefined) return null;
  if (isLoopback(request.socket.remoteAddress ?? '')) return null;
  return (
    'A request came with X-Forwarded-For, which COUNTERWEIGHT_PROXY_HOPS=0 does not believe: if a proxy stands in ' +
    'front of this server, set COUNTERWEIGHT_PROXY_HOPS to the number of proxies, or every client is counted by the ' +
    'sign-in limits as the proxy. (Said once.)'
  );
}

/** Whether an address is this machine's own (127.0.0.0/8 or ::1, written either way). */
const isLoopback = (address: string) => /^(?:::ffff:)?127\.|^::1$/.test(address);

/**
 * What the sign-in limits (lib/auth/credentials.ts) count an address as. An IPv6 client is given a
 * whole /64 (routers hand one to each network, and a machine picks addresses in it at will), so a
 * new address for every attempt is no fresh start: its /64 is what is counted. An IPv4 address
 * written as IPv6 (`::ffff:203.0.113.9`, from a dual-stack socket) is the IPv4 address; anything
 * else is counted as it is.
 */
export function addressBlock(address: string): string {
  const plain = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(plain);
  if (mapped) return mapped[1] as string;
  if (isIPv6(plain)) {
    const [head = '', tail] = plain.split('::');
    const groups = (part: string) =>
      part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : [];
    const before = groups(head);
    const after = tail === undefined ? [] : groups(tail);
    const all = [...before, ...Array<string>(8 - before.length - after.length).fill('0'), ...after];
    return `${all
      .slice(0, 4)
      .map((group) => parseInt(group, 16).toString(16))
      .join(':')}::/64`;
  }
  return address;
}
