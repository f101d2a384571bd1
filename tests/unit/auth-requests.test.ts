import { describe, expect, it } from 'vitest';
import { refusedAuthRequest } from '../../lib/auth/requests';

const SITE = 'http://localhost:3000';
const PROVIDERS = ['credentials'];

const post = (path: string, body: string, type: string) =>
  new Request(`${SITE}${path}`, { method: 'POST', body, headers: { 'content-type': type } });
const statusOf = async (request: Request) => (await refusedAuthRequest(request, PROVIDERS))?.status ?? null;

describe('requests to Auth.js it could not make sense of', () => {
  it('are refused for a way to sign in the site does not have, and passed on for one it has', async () => {
    expect(await statusOf(new Request(`${SITE}/api/auth/callback/nope`))).toBe(404);
    expect(await statusOf(new Request(`${SITE}/api/auth/signin/github`))).toBe(404);
    expect(
      await refusedAuthRequest(new Request(`${SITE}/api/auth/signin/github`), ['credentials', 'github']),
    ).toBeNull();
    expect(await statusOf(new Request(`${SITE}/api/auth/callback/credentials`))).toBeNull();
    // Passkeys' options, which Auth.js meets with an error of its own for any provider here.
    for (const path of [
      '/api/auth/webauthn-options/anything',
      '/api/auth/webauthn-options/credentials',
      '/api/auth/webauthn-options',
    ])
      expect(await statusOf(new Request(`${SITE}${path}`)), path).toBe(404);
    // Addresses that name no provider.
    for (const path of ['/api/auth/session', '/api/auth/csrf', '/api/auth/signin', '/api/auth/providers'])
      expect(await statusOf(new Request(`${SITE}${path}`)), path).toBeNull();
  });

  it('are refused for a JSON body that does not parse, and passed on for one that does', async () => {
    const refusal = await refusedAuthRequest(post('/api/auth/session', '{', 'application/json'), PROVIDERS);
    expect(refusal?.status).toBe(400);
    expect(await refusal?.text()).toMatch(/not the JSON it says it is/);
    expect(await statusOf(post('/api/auth/session', '', 'application/json'))).toBe(400);
    const fine = post('/api/auth/session', JSON.stringify({ csrfToken: 'x', data: {} }), 'application/json');
    expect(await statusOf(fine)).toBeNull();
    // Auth.js reads the body after: it is read here from a copy.
    expect(await fine.json()).toEqual({ csrfToken: 'x', data: {} });
  });

  it('are refused for a callbackUrl that is neither a path nor an address, in the body or the query', async () => {
    const form = (callbackUrl: string) =>
      post(
        '/api/auth/callback/credentials',
        new URLSearchParams({ callbackUrl, email: 'a@b.example' }).toString(),
        'application/x-www-form-urlencoded',
      );
    expect(await statusOf(form('http://localhost:3000.evil.example/'))).toBe(400);
    expect(await statusOf(new Request(`${SITE}/api/auth/signin?callbackUrl=${encodeURIComponent('http://[x')}`))).toBe(
      400,
    );
    // A path, an address of this site or of another (Auth.js sends those back to the site): passed on.
    for (const callbackUrl of ['/editor', `${SITE}/review`, 'https://evil.example/'])
      expect(await statusOf(form(callbackUrl)), callbackUrl).toBeNull();
  });
});
