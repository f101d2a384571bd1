import { describe, expect, it } from 'vitest';
import { ORGANIZATION_KIND_LABEL, participantsLabel } from '@/lib/labels';
import { ORGANIZATION_KINDS } from '@/lib/validation/records';

describe("an organisation's kinds", () => {
  it('are named once, for the form and for every page: each kind the record takes has its name, and only those', () => {
    expect(Object.keys(ORGANIZATION_KIND_LABEL).sort()).toEqual([...ORGANIZATION_KINDS].sort());
    expect(ORGANIZATION_KIND_LABEL.NGO).toBe('Non-profit or NGO');
  });
});

describe('a country code', () => {
  it('is named when a country has it, not when it names a union, a group, a territory within a country or a withdrawn code', async () => {
    const { knownCountry } = await import('@/lib/labels');
    expect(knownCountry('gb')).toBe('United Kingdom');
    expect(knownCountry('XK')).toBe('Kosovo');
    for (const code of ['UK', 'EU', 'EZ', 'UN', 'QO', 'IC', 'SU', 'YU', 'XA', 'ZZ', 'XX', 'U$']) {
      expect(knownCountry(code), code).toBeUndefined();
    }
  });
});

describe("an action's participants", () => {
  it('read as one number, a range, or the end of it on record, with the source’s words', () => {
    expect(participantsLabel(650, 650, null)).toBe('650');
    expect(participantsLabel(100, 1200, null)).toBe('100–1,200');
    expect(participantsLabel(100, null, null)).toBe('at least 100');
    expect(participantsLabel(null, 500, 'hundreds')).toBe('at most 500 (“hundreds”)');
    expect(participantsLabel(null, null, 'hundreds')).toBe('“hundreds”');
    expect(participantsLabel(null, null, null)).toBeNull();
  });
});
