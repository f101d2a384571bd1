import { describe, expect, it } from 'vitest';
import { mergeEdit, parseOpenedValues, restoredDraft } from '@/lib/edit-merge';

const opened = {
  name: 'Amazon',
  sector: 'Retail',
  ticker: 'AMZN',
  website: 'https://amazon.com',
  sources: 'https://a.example\nhttps://b.example',
};

describe('mergeEdit', () => {
  it('gives the fields the person left alone the published values, and keeps what they typed', () => {
    const typed = { ...opened, sector: 'Retail, cloud and logistics', note: 'Sector per the annual report' };
    const current = { ...opened, ticker: 'AMZN2' };
    expect(mergeEdit({ typed, opened, current })).toEqual({
      values: { ...typed, ticker: 'AMZN2' },
      taken: ['ticker'],
      clashes: {},
    });
  });

  it('keeps the typed value of a field both changed, and gives theirs beside it', () => {
    const typed = { ...opened, ticker: 'AMZN.O' };
    const current = { ...opened, ticker: 'AMZN2', sector: 'Cloud' };
    const merged = mergeEdit({ typed, opened, current });
    expect(merged.values.ticker).toBe('AMZN.O');
    expect(merged.values.sector).toBe('Cloud');
    expect(merged.clashes).toEqual({ ticker: 'AMZN2' });
    expect(merged.taken).toEqual(['sector']);
  });

  it('sees no clash where both made the same change', () => {
    const typed = { ...opened, ticker: 'AMZN2' };
    const current = { ...opened, ticker: 'AMZN2' };
    expect(mergeEdit({ typed, opened, current })).toEqual({ values: typed, taken: [], clashes: {} });
  });

  it('reads line ends, surrounding blanks and a list’s order as no change', () => {
    const typed = { ...opened, sources: ' https://b.example\r\nhttps://a.example\r\n', name: 'Amazon ' };
    const current = { ...opened, sources: 'https://a.example\nhttps://c.example', name: 'Amazon.com' };
    const merged = mergeEdit({ typed, opened, current });
    expect(merged.taken).toEqual(['name', 'sources']);
    expect(merged.values.sources).toBe('https://a.example\nhttps://c.example');
  });

  it('merges the citations without a web address as a list too', () => {
    const merged = mergeEdit({
      typed: { keptSourceIds: 'b\na', reason: 'Changed' },
      opened: { keptSourceIds: 'a\nb', reason: 'Was' },
      current: { keptSourceIds: 'a', reason: 'Was' },
    });
    expect(merged.values.keptSourceIds).toBe('a');
    expect(merged.taken).toEqual(['keptSourceIds']);
  });

  it('merges an action’s companies and organisations as lists: their order and blank lines are no change', () => {
    const merged = mergeEdit({
      typed: { companies: 'Google\nAmazon', organizations: 'TWC\n\nRAICES', title: 'Mine' },
      opened: { companies: 'Amazon\nGoogle', organizations: 'RAICES\nTWC', title: 'Was' },
      current: { companies: 'Amazon', organizations: 'RAICES', title: 'Was' },
    });
    expect(merged.values).toEqual({ companies: 'Amazon', organizations: 'RAICES', title: 'Mine' });
    expect(merged.taken).toEqual(['companies', 'organizations']);
    expect(merged.clashes).toEqual({});
  });

  it('reads a field the record no longer gives as emptied: a box unticked, the last citation removed', () => {
    const merged = mergeEdit({
      typed: { keptSourceIds: 'a', amountUndisclosed: 'on', reason: 'Mine' },
      opened: { keptSourceIds: 'a', amountUndisclosed: 'on', reason: 'Was' },
      current: { reason: 'Was' },
    });
    expect(merged.values).toEqual({ keptSourceIds: '', amountUndisclosed: '', reason: 'Mine' });
    expect(merged.taken).toEqual(['keptSourceIds', 'amountUndisclosed']);
  });

  it('keeps the order of lines in running text', () => {
    const text = { description: 'One.\nTwo.' };
    const merged = mergeEdit({
      typed: { description: 'Two.\nOne.' },
      opened: text,
      current: { description: 'One.\nTwo!' },
    });
    expect(merged.clashes).toEqual({ description: 'One.\nTwo!' });
    expect(merged.values.description).toBe('Two.\nOne.');
  });

  it('reads a missing field as empty: an unticked box, a value cleared on either side', () => {
    const merged = mergeEdit({
      typed: { amount: '' },
      opened: { amount: '250000', amountUndisclosed: '' },
      current: { amount: '250000', amountUndisclosed: 'on' },
    });
    expect(merged.values).toEqual({ amount: '', amountUndisclosed: 'on' });
    expect(merged.taken).toEqual(['amountUndisclosed']);
  });
});

describe('parseOpenedValues', () => {
  it('reads an object of strings', () => {
    expect(parseOpenedValues(JSON.stringify(opened))).toEqual(opened);
  });

  it('refuses anything else', () => {
    for (const text of [
      '',
      'not json',
      '[]',
      'null',
      '"text"',
      '{"a":1}',
      '{"a":{"b":"c"}}',
      `{"a":"${'x'.repeat(200_001)}"}`,
    ]) {
      expect(parseOpenedValues(text), text.slice(0, 30)).toBeNull();
    }
  });
});

describe('restoredDraft', () => {
  it('puts back what the draft changed, and leaves the form’s value in every field it did not touch', () => {
    // Typed in one tab on the record as published; meanwhile another tab sent a change setting the
    // ticker, which the form now shows. The draft set the sector and emptied the website.
    const { website: _dropped, ...withoutWebsite } = opened;
    const draft = { ...withoutWebsite, sector: 'Cloud', note: 'Per the filing' };
    const form = { ...opened, ticker: 'AMZN2', note: 'Ticker per the exchange' };
    expect(restoredDraft({ draft, opened, form })).toEqual({
      ...withoutWebsite,
      ticker: 'AMZN2',
      sector: 'Cloud',
      note: 'Per the filing',
    });
    // A list in another order is no change of the draft's.
    const reordered = { ...opened, sources: 'https://b.example\nhttps://a.example' };
    expect(restoredDraft({ draft: reordered, opened, form: { ...opened, sources: 'https://c.example' } }).sources).toBe(
      'https://c.example',
    );
  });
});
