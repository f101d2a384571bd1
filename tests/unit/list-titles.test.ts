import { describe, expect, it } from 'vitest';
import {
  TITLE_LENGTH,
  agencyTitle,
  contractListTitle,
  incidentListTitle,
  listTitle,
  yearsText,
} from '@/lib/list-titles';

describe('the title of a filtered list', () => {
  it('is the plain title for the bare list and its first page', () => {
    expect(incidentListTitle({})).toBe('Incidents');
    expect(incidentListTitle({ page: 1, order: 'newest' })).toBe('Incidents');
    expect(contractListTitle({})).toBe('Government contracts');
    expect(listTitle('Agencies', [false], 1)).toBe('Agencies');
  });

  it('says what the list holds, by the names the page shows, then the page', () => {
    expect(
      incidentListTitle({
        kind: 'action',
        company: 'Salesforce',
        form: 'Open letter or petition',
        from: 2018,
        to: 2020,
        page: 2,
      }),
    ).toBe('Employee actions: Salesforce · Open letter or petition · 2018–2020 · page 2');
    expect(incidentListTitle({ company: 'Amazon', q: 'ICE contract', order: 'oldest' })).toBe(
      'Incidents: Amazon · “ICE contract” · oldest first',
    );
    expect(incidentListTitle({ outcome: 'PENDING', from: 2019, to: 2019 })).toBe('Incidents: Outcome pending · 2019');
    expect(incidentListTitle({ kind: 'donation', page: 3 })).toBe('Donation responses: page 3');
    expect(incidentListTitle({ organization: 'RAICES', from: 2018 })).toBe('Incidents: RAICES · 2018 or later');
    expect(contractListTitle({ company: 'Palantir', agency: 'ICE', status: 'NOT_RENEWED', from: 2019, to: 2019 })).toBe(
      'Government contracts: Palantir · ICE · Not renewed · 2019',
    );
    expect(contractListTitle({ status: 'UNKNOWN', from: 2018 })).toBe(
      'Government contracts: Status unknown · 2018 or later',
    );
    expect(contractListTitle({ order: 'Largest obligated value first', page: 12 })).toBe(
      'Government contracts: largest obligated value first · page 12',
    );
    expect(listTitle('Companies with employee actions', ['most contracts first'], 2)).toBe(
      'Companies with employee actions: most contracts first · page 2',
    );
  });

  it('is the plain title when a filter names nothing on record (the page says so)', () => {
    expect(incidentListTitle({ kind: 'action', company: null, page: 2 })).toBe('Incidents');
    expect(incidentListTitle({ tag: null, from: 2018 })).toBe('Incidents');
    expect(incidentListTitle({ organization: null, kind: 'donation' })).toBe('Incidents');
    expect(contractListTitle({ agency: agencyTitle(undefined), status: 'ACTIVE' })).toBe('Government contracts');
  });

  it('keeps to its length when many filters are set: long names cut, the last filters counted, the page kept', () => {
    const many = incidentListTitle({
      kind: 'action',
      company: 'Booz Allen Hamilton Holding Corporation of Virginia',
      agency: 'ICE',
      form: 'Open letter or petition',
      issue: 'Immigration',
      tag: 'Data brokers',
      outcome: 'MET',
      from: 2018,
      to: 2020,
      q: 'a'.repeat(200),
      order: 'oldest',
      page: 123,
    });
    expect(many.length).toBeLessThanOrEqual(TITLE_LENGTH);
    expect(many).toBe('Employee actions: Booz Allen Hamilton Holding… · ICE · +7 more · page 123');
    expect(incidentListTitle({ q: 'ICE contract '.repeat(10) })).toBe('Incidents: “ICE contract ICE contract…”');
  });

  it('tells a tag from an agency of the same name', () => {
    expect(incidentListTitle({ agency: 'ICE' })).toBe('Incidents: ICE');
    expect(incidentListTitle({ tag: 'ICE' })).toBe('Incidents: tagged ICE');
  });
});

describe('the pieces of a list title', () => {
  it('says a range of years as the filters read it', () => {
    expect(yearsText(2018, 2020)).toBe('2018–2020');
    expect(yearsText(2019, 2019)).toBe('2019');
    expect(yearsText(2018, undefined)).toBe('2018 or later');
    expect(yearsText(undefined, 2020)).toBe('2020 or earlier');
    expect(yearsText(undefined, undefined)).toBeUndefined();
  });

  it('names an agency by its acronym, else its name', () => {
    expect(agencyTitle({ name: 'Immigration and Customs Enforcement', acronym: 'ICE' })).toBe('ICE');
    expect(agencyTitle({ name: 'City of Oakland', acronym: null })).toBe('City of Oakland');
    expect(agencyTitle(null)).toBeNull();
  });
});
