import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { WaitingRecipients } from '@/components/editor/waiting-recipients';

// The set-aside buttons' server action, which the list only passes to its forms.
vi.mock('@/app/(editor)/review/import/actions', () => ({ setRecipientAsideAction: async () => ({}) }));

const day = new Date('2026-03-02T00:00:00Z');

describe('the recipients waiting for a company', () => {
  it('writes every count of rows with its thousands separated, as the summary does', () => {
    const html = renderToStaticMarkup(
      createElement(WaitingRecipients, {
        recipients: [
          {
            name: 'EXAMPLE FEDERAL SERVICES, INC.',
            spellings: [{ name: 'EXAMPLE FEDERAL SERVICES INC', rows: 1200 }],
            parent: null,
            rows: 13630,
            permalink: 'https://www.usaspending.gov/award/CONT_AWD_EXAMPLE',
            firstSeen: day,
            lastSeen: day,
            matches: null,
            perhaps: null,
            stored: 0,
          },
          {
            name: 'EXAMPLE RENAMED CORP',
            spellings: [],
            parent: null,
            rows: 7,
            permalink: 'https://www.usaspending.gov/award/CONT_AWD_EXAMPLE2',
            firstSeen: day,
            lastSeen: day,
            matches: null,
            perhaps: { name: 'Example Corporation', slug: 'example', byParent: false, holds: true },
            stored: 2,
          },
        ],
        count: 2,
        rows: 13637,
        setAside: {
          recipients: [
            { name: 'EXAMPLE SET ASIDE LLC', spellings: [], rows: 4500, lastSeen: day, setAsideAt: day, by: null },
          ],
          count: 1,
        },
      }),
    );
    const text = html.replace(/<[^>]+>/g, '');
    expect(text).toContain('(13,637 rows)');
    expect(text).toContain('EXAMPLE FEDERAL SERVICES, INC. (13,630 rows in the last files');
    expect(text).toContain('EXAMPLE FEDERAL SERVICES INC (1,200 rows)');
    expect(text).toContain('EXAMPLE SET ASIDE LLC (4,500 rows');
    // A recipient whose rows' contracts are on record in part, under the company it most likely is.
    expect(text).toContain(
      '2 of their contracts on record already, left as they were, no longer updated) — perhaps (it holds those contracts) Example Corporation: add it to its other names',
    );
  });
});
