import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DiffTable } from '@/components/history/diff-table';
import { listDiff, wordDiff } from '@/lib/word-diff';

const marked = (before: string, after: string) =>
  wordDiff(before, after)
    ?.map((part) =>
      part.change === 'same' ? part.text : part.change === 'added' ? `[+${part.text}]` : `[-${part.text}]`,
    )
    .join('');

describe('a text compared word by word', () => {
  it('marks only the words that changed', () => {
    expect(
      marked(
        'Employees protested outside the new headquarters in San Francisco.',
        'Employees protested outside the new headquarters in San Francisco, according to a second report.',
      ),
    ).toBe('Employees protested outside the new headquarters in San Francisco[+, according to a second report].');
    expect(marked('About 650 employees signed the letter.', 'About 700 employees signed the letter.')).toBe(
      'About [-650][+700] employees signed the letter.',
    );
  });

  it('gives up on a rewrite, which reads better as before and after', () => {
    expect(wordDiff('A protest at the headquarters.', 'Workers walked out over a contract with ICE.')).toBeNull();
  });

  it('keeps every character of both texts, line breaks included', () => {
    const before = 'First paragraph.\n\nSecond paragraph, as it was.';
    const after = 'First paragraph.\n\nSecond paragraph, as corrected.';
    const parts = wordDiff(before, after) ?? [];
    const text = (changes: string[]) =>
      parts
        .filter((part) => changes.includes(part.change))
        .map((part) => part.text)
        .join('');
    expect(text(['same', 'removed'])).toBe(before);
    expect(text(['same', 'added'])).toBe(after);
  });
});

describe('a list compared item by item', () => {
  it('marks whole items kept, removed and added, each once and in order', () => {
    expect(listDiff('Audit WI Holdings\nWidgets Group', 'Audit WI Group\nAudit WI Holdings')).toEqual([
      { text: 'Audit WI Group\n', change: 'added' },
      { text: 'Audit WI Holdings\n', change: 'same' },
      { text: 'Widgets Group', change: 'removed' },
    ]);
  });
});

describe('a change’s table', () => {
  it('marks the one source added among those kept, each a link', () => {
    const html = renderToStaticMarkup(
      createElement(DiffTable, {
        lines: [
          {
            field: 'sources',
            before: 'https://example.org/a\nhttps://example.org/b',
            after: 'https://example.org/a\nhttps://example.org/b\nhttps://example.org/c',
          },
        ],
        caption: 'The change',
        beforeLabel: 'Published',
        afterLabel: 'Proposed',
      }),
    );
    const inserted = [...html.matchAll(/<ins[^>]*>(.*?)<\/ins>/g)].map((match) => match[1]);
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toContain('<a href="https://example.org/c"');
    expect(html).not.toContain('<del');
    expect(html).toContain('<a href="https://example.org/a"');
  });

  it('marks an action’s organisation swapped for another as one removed and one added, not words rewritten', () => {
    const html = renderToStaticMarkup(
      createElement(DiffTable, {
        lines: [
          {
            field: 'organizations',
            before: 'Amazon Employees for Climate Justice\nTech Workers Coalition',
            after: 'Amazon Employees for Climate Justice\nTech Workers Rally Committee',
          },
        ],
        caption: 'The change',
        beforeLabel: 'Published',
        afterLabel: 'Proposed',
      }),
    );
    // Each marked part as read, without the words said to screen readers alone.
    const marked = (tag: string) =>
      [...html.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, 'gs'))].map((match) =>
        match[1]
          ?.replace(/<span class="sr-only">[^<]*<\/span>/g, '')
          .replace(/<[^>]+>/g, '')
          .trim(),
      );
    expect(marked('del')).toEqual(['Tech Workers Coalition']);
    expect(marked('ins')).toEqual(['Tech Workers Rally Committee']);
  });
});
