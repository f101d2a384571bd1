import { afterEach, describe, expect, it } from 'vitest';
import { contactEmail } from '@/lib/site';

const saved = process.env.COUNTERWEIGHT_CONTACT_EMAIL;
afterEach(() => {
  if (saved === undefined) delete process.env.COUNTERWEIGHT_CONTACT_EMAIL;
  else process.env.COUNTERWEIGHT_CONTACT_EMAIL = saved;
});

describe('the address for corrections', () => {
  it('is the configured email address, trimmed', () => {
    process.env.COUNTERWEIGHT_CONTACT_EMAIL = ' corrections@counterweight.example ';
    expect(contactEmail()).toBe('corrections@counterweight.example');
  });

  it('is none when unset, empty, or not an email address (nothing odd reaches a mailto: link)', () => {
    delete process.env.COUNTERWEIGHT_CONTACT_EMAIL;
    expect(contactEmail()).toBeNull();
    for (const value of [
      '',
      'corrections',
      'a@b',
      'x@example.org?subject=hi',
      'x@example.org?s=a.com',
      'a b@example.org',
      '"><script>@x.org',
    ]) {
      process.env.COUNTERWEIGHT_CONTACT_EMAIL = value;
      expect(contactEmail(), value).toBeNull();
    }
  });
});
