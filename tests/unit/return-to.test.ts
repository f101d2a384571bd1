import { describe, expect, it } from 'vitest';
import { returnPath, signInAddress } from '@/lib/auth/return-to';

describe('where signing in leads back to', () => {
  it.each([
    '/editor',
    '/review',
    '/admin',
    '/editor/donations/cmx5ehmz903pm7r7d6vwl5s6u',
    '/editor/new/donation',
    '/review?type=COMPANY&by=cmx5ehmz903pm7r7d6vwl5s6u&page=2',
    '/editor?submitted=company',
  ])('a signed-in page of this site: %s', (path) => {
    expect(returnPath(path)).toBe(path);
    expect(signInAddress(path)).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
  });

  it.each([
    'https://evil.example/editor',
    '//evil.example/editor',
    '/\\evil.example',
    '/editor/../companies',
    '/editor?next=https://evil.example',
    '/editor?next=//evil.example',
    '/review?type=COMPANY#fragment',
    '/companies/salesforce?page=2',
    `/review?${'a'.repeat(501)}`,
    '/companies/salesforce',
    '/editorial',
    '/review/a/b/c/d',
    '',
    null,
    ['/editor'],
  ])('nothing else: %s', (value) => {
    expect(returnPath(value)).toBeNull();
    expect(signInAddress(typeof value === 'string' ? value : null)).toBe('/sign-in');
  });
});
