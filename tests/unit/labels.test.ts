import { describe, expect, it } from 'vitest';
import { ORGANIZATION_KIND_LABEL } from '@/lib/labels';
import { ORGANIZATION_KINDS } from '@/lib/validation/records';

describe("an organisation's kinds", () => {
  it('are named once, for the form and for every page: each kind the record takes has its name, and only those', () => {
    expect(Object.keys(ORGANIZATION_KIND_LABEL).sort()).toEqual([...ORGANIZATION_KINDS].sort());
    expect(ORGANIZATION_KIND_LABEL.NGO).toBe('Non-profit or NGO');
  });
});
