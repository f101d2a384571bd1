/*
 * GitHub sign-in is on when AUTH_GITHUB_ID and AUTH_GITHUB_SECRET are set (an OAuth app whose
 * callback URL is <site>/api/auth/callback/github). AUTH_GITHUB_ENTERPRISE_URL points it at a
 * GitHub Enterprise Server instead of github.com. Read by lib/auth (the provider), the sign-in page
 * (the button) and proxy.ts (the Content-Security-Policy's form-action).
 */

export function githubSignIn(): { baseUrl: string; enterprise: boolean } | null {
  if (!process.env.AUTH_GITHUB_ID || !process.env.AUTH_GITHUB_SECRET) return null;
  const enterprise = process.env.AUTH_GITHUB_ENTERPRISE_URL?.replace(/\/+$/, '');
  return { baseUrl: enterprise || 'https://github.com', enterprise: Boolean(enterprise) };
}
