import { describe, expect, it } from 'vitest';
import {
  companyNameFromFile,
  cleanLabel,
  nameKey,
  onlyExcludes,
  quotedTitle,
  statementHeadline,
  summarize,
  titleCase,
  withoutEnclosingQuotes,
  quotedWithin,
} from '@/lib/text';
import { slugify } from '@/lib/slug';
import { actionCompaniesWording, auditDetailsLabel, fieldLabel, placesLabel } from '@/lib/labels';

describe('nameKey', () => {
  it('makes spellings of one name equal', () => {
    expect(nameKey('Sales Force')).toBe(nameKey('salesforce'));
    expect(nameKey('SalesForce')).toBe('salesforce');
    expect(nameKey('whole_foods')).toBe(nameKey('Whole Foods'));
    expect(nameKey('Électricité de France')).toBe('electricitedefrance');
  });

  it('reads & as "and" so AT&T is not ATT', () => {
    expect(nameKey('AT&T')).toBe('atandt');
  });

  it('keeps different names apart', () => {
    expect(nameKey('Salesforce.com')).not.toBe(nameKey('Salesforce'));
    expect(nameKey('Meta')).not.toBe(nameKey('Metal'));
  });
});

describe('companyNameFromFile', () => {
  it('writes a file’s capitals as a page would, without the legal form', () => {
    expect(companyNameFromFile('PALANTIR USG, INC.')).toBe('Palantir USG');
    expect(companyNameFromFile('INTERNATIONAL BUSINESS MACHINES CORPORATION')).toBe('International Business Machines');
    expect(companyNameFromFile('BANK OF AMERICA, N.A.')).toBe('Bank of America, N.A.');
    expect(companyNameFromFile('THE GEO GROUP, INC.')).toBe('The GEO Group');
    expect(companyNameFromFile('DELOITTE CONSULTING LLP')).toBe('Deloitte Consulting');
    expect(companyNameFromFile('MCKINSEY & COMPANY, INC. WASHINGTON DC')).toBe(
      'Mckinsey & Company, Inc. Washington DC',
    );
    expect(companyNameFromFile('LEIDOS-QTC HEALTH SERVICES')).toBe('Leidos-Qtc Health Services');
    expect(companyNameFromFile('MCKINSEY & COMPANY, INC.')).toBe('Mckinsey & Company, Inc.');
    expect(companyNameFromFile("MOODY'S INVESTORS SERVICE, INC.")).toBe("Moody's Investors Service");
  });

  it('keeps a name written in mixed case as it is, but for its legal form', () => {
    expect(companyNameFromFile('Salesforce, Inc.')).toBe('Salesforce');
    expect(companyNameFromFile('  eBay   Inc. ')).toBe('eBay');
  });
});

describe('slugify', () => {
  it('makes URL-safe slugs', () => {
    expect(slugify('AT&T')).toBe('at-and-t');
    expect(slugify('Ele.me')).toBe('ele-me');
    expect(slugify('  Whole Foods Market ')).toBe('whole-foods-market');
    expect(slugify('Ça va, Zürich!')).toBe('ca-va-zurich');
  });

  it('gives ASCII slugs only, the form addresses accept', () => {
    expect(slugify('Københavns Kommune')).toBe('kobenhavns-kommune');
    expect(slugify('Straße Łódź Ærø')).toBe('strasse-lodz-aero');
    for (const name of ['Københavns Kommune', 'Москва', '東京 Ltd', 'Ærø & Søn', 'إضراب', '😀']) {
      expect(slugify(name)).toMatch(/^[a-z0-9-]{1,100}$/);
    }
  });

  it('writes other scripts in Latin letters, so that two such names get two slugs', () => {
    expect(slugify('Москва Tech')).toBe('moskva-tech');
    expect(slugify('Яндекс')).toBe('yandeks');
    expect(slugify('Забастовка')).not.toBe(slugify('Протест'));
    expect(slugify('罢工')).toBe('bagong');
    expect(slugify('Ελληνικά')).toBe('ellinika');
  });

  it('leaves symbols out rather than spelling them', () => {
    expect(slugify('Acme® Robotics')).toBe('acme-robotics');
    expect(slugify('Acme ❤ Co')).toBe('acme-co');
  });

  it('never returns an empty slug', () => {
    expect(slugify('!!!')).toBe('unnamed');
    expect(slugify('®')).toBe('unnamed');
  });

  it('caps the length without a trailing dash', () => {
    const slug = slugify(`${'a'.repeat(79)} b`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('cuts a long name between words', () => {
    const slug = slugify('Palantir Technologies Österreich GmbH — a deliberately long subsidiary name to check');
    expect(slug).toBe('palantir-technologies-osterreich-gmbh-a-deliberately-long-subsidiary-name-to');
    // A name of one very long word is cut where it must be.
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(80));
    // A word that ends exactly at the limit is kept whole.
    expect(slugify(`${'a'.repeat(40)} ${'b'.repeat(39)} c`)).toBe(`${'a'.repeat(40)}-${'b'.repeat(39)}`);
  });
});

describe('labels', () => {
  it('reads underscores as spaces', () => {
    expect(cleanLabel('coworker_solidarity ')).toBe('coworker solidarity');
    expect(titleCase('gimlet media')).toBe('Gimlet Media');
    expect(titleCase('smith-corona-marchant')).toBe('Smith-Corona-Marchant');
  });
});

describe('actionCompaniesWording', () => {
  it('says an editor’s companies were targeted, and the data set’s only that the action involved them', () => {
    expect(actionCompaniesWording({ datasetRecordId: null })).toEqual({
      lead: 'Against',
      section: 'What it targeted',
    });
    // Id 479: the nonprofit Coworker's fund gives money to organisers; the action is not against it.
    expect(actionCompaniesWording({ datasetRecordId: '479' })).toEqual({
      lead: 'Involving',
      section: 'Who and what it involved',
    });
  });
});

describe('placesLabel', () => {
  it('keeps the places of an action apart, each of which has commas of its own (id 533)', () => {
    expect(placesLabel(['Levent, Turkey', 'Izmir, Turkey', 'Ankara, Turkey'])).toBe(
      'Levent, Turkey; Izmir, Turkey; Ankara, Turkey',
    );
    expect(placesLabel(['Seattle, Washington, USA'])).toBe('Seattle, Washington, USA');
    expect(placesLabel([])).toBeNull();
  });
});

describe('auditDetailsLabel', () => {
  it('says an audit event’s details in words, not as stored', () => {
    expect(auditDetailsLabel({ from: 'EDITOR', to: 'REVIEWER' })).toBe('from editor to reviewer');
    expect(auditDetailsLabel({ role: 'ADMIN' })).toBe('as admin');
    expect(auditDetailsLabel({ provider: 'github' })).toBe('with GitHub');
    expect(auditDetailsLabel({ provider: 'github', reason: 'email not verified' })).toBe(
      'with GitHub: email not verified',
    );
    expect(auditDetailsLabel({ failedSignInsCleared: 5 })).toBe(
      'its 5 failed sign-ins cleared, so the new password works at once',
    );
    // A shape it does not know is shown as it is.
    expect(auditDetailsLabel({ note: 'x', count: 2 })).toBe('note: x, count: 2');
  });
});

describe('summarize', () => {
  it('keeps the first sentence', () => {
    expect(summarize('Workers walked out. Then they came back.')).toBe('Workers walked out.');
  });

  it('does not end a sentence at an abbreviation', () => {
    expect(
      summarize('Hundreds of Salesforce.com Inc. employees signed a letter to the U.S. Customs agency. More followed.'),
    ).toBe('Hundreds of Salesforce.com Inc. employees signed a letter to the U.S. Customs agency.');
  });

  it('cuts long text at a word boundary with an ellipsis', () => {
    const text = 'word '.repeat(100);
    const summary = summarize(text, 40);
    expect(summary.length).toBeLessThanOrEqual(40);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary).not.toMatch(/wor…$/);
  });
});

describe('statementHeadline', () => {
  it('names the company once', () => {
    expect(statementHeadline('Salesforce', 'Salesforce declined to comment. It said more later.')).toBe(
      'Salesforce declined to comment.',
    );
    expect(statementHeadline('Salesforce', 'CEO Marc Benioff said the contract was not for separations.')).toBe(
      'Salesforce: CEO Marc Benioff said the contract was not for separations.',
    );
  });
});

describe('fieldLabel', () => {
  it('reads a field name as words', () => {
    expect(fieldLabel('hqCountry')).toBe('Headquarters country');
    expect(fieldLabel('startDate')).toBe('Start date');
    expect(fieldLabel('organization')).toBe('Organization');
    // As the form names the field: a message about both amounts names each so.
    expect(fieldLabel('potentialAmount')).toBe('Potential value');
  });
});

describe('withoutEnclosingQuotes', () => {
  it('drops the marks around a whole quote, which the page adds itself', () => {
    expect(withoutEnclosingQuotes('"We are dismayed"')).toBe('We are dismayed');
    expect(withoutEnclosingQuotes(' “We are dismayed.” ')).toBe('We are dismayed.');
    expect(withoutEnclosingQuotes('«Nous refusons»')).toBe('Nous refusons');
  });

  it('keeps marks that do not enclose the whole quote', () => {
    expect(withoutEnclosingQuotes('We said "no" twice')).toBe('We said "no" twice');
    expect(withoutEnclosingQuotes('"No," she said, "never."')).toBe('"No," she said, "never."');
    expect(withoutEnclosingQuotes('"')).toBe('"');
    expect(withoutEnclosingQuotes('“No,” she said, “never.”')).toBe('“No,” she said, “never.”');
    expect(withoutEnclosingQuotes('“They called it “safe”.”')).toBe('They called it “safe”.');
  });
});

describe('quotedWithin', () => {
  it('makes the double marks inside a quote single, the marks around it dropped', () => {
    expect(quotedWithin('“We’re proud of this work — it keeps people safe” 🚀 and more')).toBe(
      '‘We’re proud of this work — it keeps people safe’ 🚀 and more',
    );
    expect(quotedWithin('“They called it “safe”.”')).toBe('They called it ‘safe’.');
    expect(quotedWithin('"No," she said, "never."')).toBe('"No," she said, "never."');
    expect(quotedWithin('A 15" screen')).toBe('A 15" screen');
    expect(quotedWithin('A 15” screen and a “big” one')).toBe('A 15” screen and a ‘big’ one');
    // A closing mark alone inside (inches) does not part the marks around the whole.
    expect(quotedWithin('“As she said, “not one dollar”.\nThe 15” banner stays up.”')).toBe(
      'As she said, ‘not one dollar’.\nThe 15” banner stays up.',
    );
    // A quotation within a quotation within the quote is double again.
    expect(quotedWithin('One wrote, “I will not build “smart walls” for anyone.”')).toBe(
      'One wrote, ‘I will not build “smart walls” for anyone.’',
    );
    expect(quotedWithin('„Nein“, sagte sie, „niemals.“')).toBe('„Nein“, sagte sie, „niemals.“');
    expect(quotedWithin('“We accept this gift —\ngladly.”')).toBe('We accept this gift —\ngladly.');
  });
});

describe('search words that only leave things out', () => {
  it('are told from words that match something', () => {
    for (const words of ['-google', '-google -amazon', '-"project maven"', '-google or -amazon'])
      expect(onlyExcludes(words), words).toBe(true);
    for (const words of ['google', 'drone -google', 'google or -amazon', '-', 'well-known', '"-google"', ''])
      expect(onlyExcludes(words), words).toBe(false);
  });
});

describe('quotedTitle', () => {
  it('quotes a title with its stop, and turns the quotation marks inside it single', () => {
    expect(quotedTitle('RAICES rejected $250,000 from Salesforce')).toBe('“RAICES rejected $250,000 from Salesforce.”');
    expect(quotedTitle('Will Google renew?')).toBe('“Will Google renew?”');
    expect(quotedTitle('Salesforce: its CEO said it is “true to our core values” and does not “work with CBP…')).toBe(
      '“Salesforce: its CEO said it is ‘true to our core values’ and does not ‘work with CBP…”',
    );
    expect(quotedTitle('Benioff: "we are proud" of the work')).toBe('“Benioff: ‘we are proud’ of the work.”');
    expect(quotedTitle('Benioff said "no."')).toBe('“Benioff said ‘no.’”');
    expect(quotedTitle('Workers say "Ética" matters')).toBe('“Workers say ‘Ética’ matters.”');
    expect(quotedTitle('"¡No!" to the "$10 billion" deal')).toBe('“‘¡No!’ to the ‘$10 billion’ deal.”');
  });
});
