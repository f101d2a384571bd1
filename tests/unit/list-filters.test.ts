import { describe, expect, it } from 'vitest';
import { INCIDENT_FIELDS, parseIncidentFilters, searchableText, unreadFilters } from '@/lib/validation/list-filters';
import { API_LIST_PARAMETERS } from '@/lib/api/kinds';
import { CONTRACT_FIELDS, parseContractFilters } from '@/lib/validation/contract-filters';
import {
  agencyListParamsSchema,
  companyListParamsSchema,
  incidentListParamsSchema,
  organizationListParamsSchema,
  parseParams,
} from '@/lib/validation/public-params';
import { compareParamsSchema } from '@/lib/validation/compare-params';

describe('words typed into a filter or the search', () => {
  it('drop invisible format characters and read control characters as spaces', () => {
    expect(searchableText('ICE\u200F')).toBe('ICE'); // a right-to-left mark after the word
    expect(searchableText('IC\u00ADE')).toBe('ICE'); // a soft hyphen inside it
    expect(searchableText('\uFEFF ICE \u202C')).toBe('ICE');
    expect(searchableText('ICE\u0000contract\tprotest\n')).toBe('ICE contract protest');
    expect(searchableText('Nestlé')).toBe('Nestlé');
    // Minus signs with no word between them are one ("not"), however many: nested, they overflow PostgreSQL's stack.
    expect(searchableText(`ice ${'-'.repeat(40)}`)).toBe('ice -');
    expect(searchableText(`ice ${'- '.repeat(40)}walkout`)).toBe('ice - walkout');
    expect(searchableText('ice -!-(-google')).toBe('ice -google');
    expect(searchableText('anti-996 covid-19 Union-CWA -google')).toBe('anti-996 covid-19 Union-CWA -google');
  });

  it('count a blank value as none, refuse an over-long one with a message, and read a tag in any case', () => {
    const blank = parseIncidentFilters({ q: '   ' });
    expect(blank).toEqual({ ok: true, filters: {} });
    const invisible = parseIncidentFilters({ q: '\u200F' });
    expect(invisible.ok ? null : invisible.problems).toEqual([
      { field: 'q', message: 'Give the words to find, such as ICE contract.' },
    ]);
    // An address's byte that is no UTF-8 (%E9), read as U+FFFD: refused, saying why.
    const latin1 = parseIncidentFilters({ q: new URLSearchParams('q=caf%E9').get('q')! });
    expect(latin1.ok ? null : latin1.problems).toEqual([
      {
        field: 'q',
        message:
          'The words to find hold a character the address could not carry (it was not written as UTF-8): type them again.',
      },
    ]);
    // So is a company's name, which would otherwise be read as the nearest name on record.
    for (const parse of [parseIncidentFilters, parseContractFilters]) {
      const company = parse({ company: new URLSearchParams('company=Salesforce%E9').get('company')! });
      expect(company.ok ? null : company.problems).toEqual([
        {
          field: 'company',
          message:
            'The company’s name holds a character the address could not carry (it was not written as UTF-8): type it again.',
        },
      ]);
    }
    const long = parseIncidentFilters({ q: 'x'.repeat(201) });
    expect(long.ok ? null : long.problems).toEqual([
      { field: 'q', message: 'The words to find are limited to 200 characters.' },
    ]);
    expect(parseIncidentFilters({ q: 'ICE\u200F', tag: 'ICE', outcome: 'partly-met' })).toEqual({
      ok: true,
      filters: { q: 'ICE', tag: 'ice', outcome: 'PARTLY_MET' },
    });
  });
});

describe('the organization filter of /incidents', () => {
  it('reads an address name in any case, as the API’s organization filter does, and refuses anything else', () => {
    expect(parseIncidentFilters({ organization: 'RAICES', kind: 'donation' })).toEqual({
      ok: true,
      filters: { organization: 'raices', kind: 'donation' },
    });
    expect(parseIncidentFilters({ organization: ' ' })).toEqual({ ok: true, filters: {} });
    expect(parseParams(incidentListParamsSchema, { organization: 'Raices' })).toEqual({ organization: 'raices' });
    const named = parseIncidentFilters({ organization: 'RAICES Texas' });
    expect(named.ok ? null : named.problems).toEqual([
      {
        field: 'organization',
        message: 'The organization is given by its address name: lower-case letters, digits and hyphens.',
      },
    ]);
    const twice = parseIncidentFilters({ organization: ['raices', 'aclu'] });
    expect(twice.ok ? null : twice.problems).toEqual([
      { field: 'organization', message: '“organization” is given more than once; give it once.' },
    ]);
    const long = parseIncidentFilters({ organization: 'x'.repeat(101) });
    expect(long.ok ? null : long.problems).toEqual([
      { field: 'organization', message: 'The organization is given by its address name, of at most 100 characters.' },
    ]);
  });
});

describe('the lists’ orders and switches in an address', () => {
  it('are read in any case, as the filters are, and anything else is refused', () => {
    expect(parseParams(companyListParamsSchema, { sort: 'Actions', has: 'Contracts' })).toEqual({
      sort: 'actions',
      has: 'contracts',
    });
    expect(parseParams(agencyListParamsSchema, { sort: 'Contracts' })).toEqual({ sort: 'contracts' });
    expect(parseParams(organizationListParamsSchema, { sort: 'DONATIONS' })).toEqual({ sort: 'donations' });
    expect(parseParams(incidentListParamsSchema, { order: 'Oldest' })).toEqual({ order: 'oldest' });
    // The page reads them as the address check does.
    expect(parseIncidentFilters({ kind: 'ACTION', order: 'Oldest' })).toEqual({
      ok: true,
      filters: { kind: 'action', order: 'oldest' },
    });
    expect(compareParamsSchema.parse({ companies: 'google,uber', per: 'Year', subsidiaries: 'TRUE' })).toMatchObject({
      per: 'year',
      subsidiaries: '1',
    });
    expect(parseParams(companyListParamsSchema, { sort: 'bogus' })).toBeNull();
    expect(compareParamsSchema.safeParse({ per: 'month' }).success).toBe(false);
    expect(compareParamsSchema.safeParse({ subsidiaries: 'yes' }).success).toBe(false);
  });
});

describe('the parameters of a list’s address it does not read', () => {
  const unread = (params: Record<string, string>) => unreadFilters(params, INCIDENT_FIELDS, API_LIST_PARAMETERS);

  it('names a filter of the API’s lists, and a filter of its own misspelt or in another case', () => {
    expect(unread({ kind: 'action', employmentType: 'contract-workers', status: 'ACTIVE', limit: '5' })).toEqual([
      { name: 'employmentType' },
      { name: 'status' },
      { name: 'limit' },
    ]);
    expect(unread({ compnay: 'google', From: '2018', TO: '2019', isue: 'ethics' })).toEqual([
      { name: 'compnay', meant: 'company' },
      { name: 'From', meant: 'from' },
      { name: 'TO', meant: 'to' },
      { name: 'isue', meant: 'issue' },
    ]);
  });

  it('names a parameter of the site’s other pages, with what the list reads instead', () => {
    expect(unread({ year: '2018', sort: 'date', order: 'oldest', kind: 'action' })).toEqual([
      { name: 'year', instead: ['from', 'to'] },
      { name: 'sort', instead: ['order'] },
    ]);
    expect(
      unreadFilters({ kind: 'action', order: 'oldest', sort: '-value' }, CONTRACT_FIELDS, API_LIST_PARAMETERS),
    ).toEqual([
      { name: 'kind', instead: [] },
      { name: 'order', instead: ['sort'] },
    ]);
    // In any case, as the list's own are read; one of the list's own in another case is that one.
    expect(unread({ Year: '2018', SORT: 'date', Kind: 'action' })).toEqual([
      { name: 'Year', instead: ['from', 'to'] },
      { name: 'SORT', instead: ['order'] },
      { name: 'Kind', meant: 'kind' },
    ]);
    // Names an object has of its own are no parameters of the site's.
    expect(unread(JSON.parse('{"constructor": "x", "toString": "y", "__proto__": "z"}'))).toEqual([]);
  });

  it('names the subsidiaries switch given without a company, as the filters read it', () => {
    const read = (params: Record<string, string>) => {
      const parsed = parseIncidentFilters(params);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      return unreadFilters(params, INCIDENT_FIELDS, API_LIST_PARAMETERS, parsed.filters);
    };
    expect(read({ subsidiaries: '1' })).toEqual([{ name: 'subsidiaries', needs: 'company' }]);
    expect(read({ subsidiaries: 'true', kind: 'action' })).toEqual([{ name: 'subsidiaries', needs: 'company' }]);
    expect(read({ subsidiaries: '1', company: 'Alphabet' })).toEqual([]);
    // Off is as if absent.
    expect(read({ subsidiaries: '0' })).toEqual([]);
  });

  it('leaves alone the parameters it reads and those like no filter (a share’s tracking)', () => {
    expect(
      unread({ kind: 'action', q: 'ice', page: '2', utm_source: 'newsletter', fbclid: 'x', ref: 'y', x: '1' }),
    ).toEqual([]);
    // Ordinary words a few letters from a short filter's name are none of it.
    expect(
      unread({ format: 'csv', id: '1', date: '2019', name: 'x', range: 'y', org: 'z', src: 'a', term: 'b' }),
    ).toEqual([]);
    // A letter's case is no difference, even in a name of one letter; a letter off a short name is one.
    expect(unread({ Q: 'ice', tags: 'ice', tab: 'x' })).toEqual([
      { name: 'Q', meant: 'q' },
      { name: 'tags', meant: 'tag' },
      { name: 'tab', meant: 'tag' },
    ]);
  });
});
