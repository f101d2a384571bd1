import { describe, expect, it } from 'vitest';
import { contractIds, field, sources } from '@/lib/forms/record-form-data';
import { MAX_SOURCES } from '@/lib/validation/records';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

describe('the fields of a record form as the server reads them', () => {
  it('reads the sources whole: long addresses past 20,000 characters are neither cut nor dropped', () => {
    const urls = Array.from(
      { length: 12 },
      (_, n) => `https://web.archive.org/web/2019/https://example.org/${n}/${'a'.repeat(1800)}`,
    );
    const read = sources(form({ sources: urls.join('\r\n') }));
    expect(urls.join('\n').length).toBeGreaterThan(20_000);
    expect(read).toEqual(urls.map((url) => ({ url })));
  });

  it('reads one source more than the limit, so that too many is refused rather than cut', () => {
    const urls = Array.from({ length: MAX_SOURCES + 5 }, (_, n) => `https://example.org/${n}`);
    expect(sources(form({ sources: `\n\n${urls.join('\n\n')}` }))).toHaveLength(MAX_SOURCES + 1);
  });

  it('reads a new citation without a url once any of its parts is typed, blank parts included for their messages', () => {
    expect(
      sources(form({ sources: 'https://example.org/a', citationPublisher: ' ', citationTitle: '', citationDate: '' })),
    ).toEqual([{ url: 'https://example.org/a' }]);
    expect(sources(form({ keptSourceIds: 'c1', citationTitle: 'Workers walk out' }))).toEqual([
      { sourceId: 'c1' },
      { citation: { publisher: '', title: 'Workers walk out', date: '' } },
    ]);
  });

  it('reads a text field with its line breaks as one character each, at most 20,000 of them', () => {
    expect(field(form({ title: 'a\r\nb\rc' }), 'title')).toBe('a\nb\nc');
    expect(field(form({ title: 'x'.repeat(30_000) }), 'title')).toHaveLength(20_000);
    expect(field(form({}), 'title')).toBe('');
  });

  it('reads contracts by their addresses or ids, one more than the limit', () => {
    const lines = [
      'https://counterweight.example/contracts/c1/',
      '/contracts/c2?x=1',
      'c3',
      ...Array.from({ length: 20 }, (_, n) => `d${n}`),
    ];
    expect(contractIds(form({ contractIds: lines.join('\n') }))).toEqual([
      'c1',
      'c2',
      'c3',
      ...Array.from({ length: 8 }, (_, n) => `d${n}`),
    ]);
  });
});
