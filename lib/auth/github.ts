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

/**
 * The verified email addresses of the GitHub account a token belongs to (lower case). A GitHub
 * profile's email may be one its owner typed and never confirmed; only a verified one may match
 * a Counterweight account.
 */
export async function verifiedGithubEmails(accessToken: string): Promise<string[]> {
  const github = githubSignIn();
  if (!github) return [];
  const api = github.enterprise ? `${github.baseUrl}/api/v3` : 'https://api.github.com';
  const response = await fetch(`${api}/user/emails`, {
    headers: {
      Authorization: `Bearer ${accessToken}`,
      Accept: 'application/vnd.github+json',
      'User-Agent': 'counterweight',
    },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) return [];
  const emails = (await response.json()) as unknown;
  if (!Array.isArray(emails)) return [];
  return emails.flatMap((entry: { email?: unknown; verified?: unknown }) =>
    entry.verified === true && typeof entry.email === 'string' ? [entry.email.toLowerCase()] : [],
  );
}
