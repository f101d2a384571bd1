import { describe, expect, it } from 'vitest';
import { atomFeed, jsonFeed, type FeedEntry } from '@/lib/api/feeds';

describe('a feed entry’s sources', () => {
  const entry = (publishedAt: string, publishedPrecision: 'DAY' | 'MONTH' | 'YEAR'): FeedEntry => ({
    id: 'https://example.org/api/v1/actions/a1',
    kind: 'actions',
    title: 'Protest outside the headquarters',
    summary: 'Employees protested.',
    url: 'https://example.org/actions/a1',
    apiUrl: 'https://example.org/api/v1/actions/a1',
    published: '2026-12-01T00:00:00.000Z',
    updated: '2026-12-01T00:00:00.000Z',
    sources: [
      {
        id: 's1',
        url: null,
        publisher: 'Daily Bugle',
        title: 'A story',
        publishedAt,
        publishedPrecision,
        archiveUrl: null,
      },
    ],
  });
  const info = {
    title: 'Counterweight',
    subtitle: 'All',
    site: 'https://example.org',
    path: '/feeds/all.atom',
    page: '/',
  };

  it('dates a source no more precisely than it is known: a month is not its first day', () => {
    const content = (feed: string) => JSON.parse(feed).items[0].content_html as string;
    expect(content(jsonFeed({ ...info, path: '/feeds/all.json' }, [entry('2018-07-01', 'MONTH')]))).toContain(
      'Daily Bugle, A story, July 2018',
    );
    expect(content(jsonFeed({ ...info, path: '/feeds/all.json' }, [entry('2018-01-01', 'YEAR')]))).toContain(
      'Daily Bugle, A story, 2018<',
    );
    expect(atomFeed(info, [entry('2018-07-19', 'DAY')])).toContain('Daily Bugle, A story, 19 July 2018');
    expect(atomFeed(info, [entry('2018-07-01', 'MONTH')])).not.toContain('2018-07-01');
  });
});
