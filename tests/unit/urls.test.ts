import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeSourceUrl, sameDocumentUrls, sourceHost, readableUrl } from '@/lib/urls';

const ok = (raw: string) => {
  const result = normalizeSourceUrl(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.url;
};

describe('normalizeSourceUrl', () => {
  it('stores one form of a url: no fragment, no tracking, lower-case host, no trailing slash', () => {
    expect(ok('https://WWW.Forbes.com/sites/x/2020/03/19/story/#1d4e6af48f7a')).toBe(
      'https://www.forbes.com/sites/x/2020/03/19/story',
    );
    expect(ok('https://example.org/a?utm_source=t&utm_medium=s&id=4')).toBe('https://example.org/a?id=4');
    expect(ok('https://example.org:443/')).toBe('https://example.org');
    expect(ok('  http://example.org/a  ')).toBe('http://example.org/a');
    // The path's closing slash, with a query after it too; the root's stays before a query.
    expect(ok('https://www.equaltimes.org/in-denmark-a-historic-collective/?lang=en')).toBe(
      'https://www.equaltimes.org/in-denmark-a-historic-collective?lang=en',
    );
    expect(ok('https://example.org/?s=ss')).toBe('https://example.org/?s=ss');
  });

  it('holds the 2,048-character limit for the address as stored, its letters percent-encoded', () => {
    const cyrillic = `https://example.org/${'я'.repeat(1000)}`;
    expect(cyrillic.length).toBeLessThan(2048);
    expect(normalizeSourceUrl(cyrillic)).toEqual({
      ok: false,
      reason:
        'written as a web address (its letters outside A to Z percent-encoded), it is longer than 2,048 characters',
    });
    expect(ok(`https://example.org/${'я'.repeat(300)}`)).toHaveLength(20 + 300 * 6);
    expect(normalizeSourceUrl(`https://example.org/${'a'.repeat(2029)}`)).toMatchObject({ ok: false });
    expect(ok(`https://example.org/${'a'.repeat(2028)}`)).toHaveLength(2048);
  });

  it('makes two spellings of one url equal', () => {
    expect(ok('https://mashable.com/article/x/#7mizh6l4giqk')).toBe(ok('https://mashable.com/article/x'));
    // An empty query, with or without the closing slash, or one left empty once tracking is taken out.
    for (const spelling of [
      'https://example.org/x?',
      'https://example.org/x/?',
      'https://example.org/x?utm_source=t',
      'https://example.org/x?#top',
    ])
      expect(ok(spelling), spelling).toBe('https://example.org/x');
    expect(ok('https://example.org/?')).toBe('https://example.org');
  });

  it('keeps a fragment that is the page’s own address, which tells documents at one path apart', () => {
    expect(ok('https://twitter.com/#!/alice/status/111')).toBe('https://twitter.com/#!/alice/status/111');
    expect(ok('https://twitter.com/#!/bob/status/222')).not.toBe(ok('https://twitter.com/#!/alice/status/111'));
    expect(ok('https://reports.example.net/#/reports/2019-strike')).toBe(
      'https://reports.example.net/#/reports/2019-strike',
    );
    expect(ok('https://Example.org/app/?utm_source=x#/item/4')).toBe('https://example.org/app#/item/4');
    // A place in a page is still no part of its address.
    expect(ok('https://example.org/story#comments')).toBe('https://example.org/story');
    expect(ok('https://example.org/#top')).toBe('https://example.org');
    // An empty route names nothing more than the page; a route's tracking is taken out as a page's is.
    for (const empty of ['https://twitter.com/#!', 'https://twitter.com/#!/', 'https://example.org/#/'])
      expect(ok(empty), empty).toBe(ok(empty.replace(/#.*/, '')));
    expect(ok('https://twitter.com/#!/alice/status/111?s=20')).toBe('https://twitter.com/#!/alice/status/111');
    expect(ok('https://example.org/#/x?utm_source=y&id=2')).toBe('https://example.org/#/x?id=2');
  });

  it('accepts public addresses, IP literals among them', () => {
    expect(ok('http://8.8.8.8/a')).toBe('http://8.8.8.8/a');
    expect(ok('http://172.32.0.1/a')).toBe('http://172.32.0.1/a');
    expect(ok('http://[2001:db8::1]/a')).toBe('http://[2001:db8::1]/a');
  });

  it('keeps query parameters that name the document, in order of name and as written', () => {
    expect(ok('https://example.org/view?id=1&page=2')).toBe('https://example.org/view?id=1&page=2');
    expect(ok('https://example.org/view?page=2&id=1')).toBe('https://example.org/view?id=1&page=2');
    // A repeated name keeps its values' order; an empty pair is nothing.
    expect(ok('https://example.org/list?b=2&&a=1&b=1&')).toBe('https://example.org/list?a=1&b=2&b=1');
    expect(ok('https://example.org/find?q=a%2fb%20c&lang=en')).toBe('https://example.org/find?lang=en&q=a%2fb%20c');
  });

  it('takes out the tracking of the data set’s addresses', () => {
    const tweet = 'https://twitter.com/Nava_United/status/1489328874575912960';
    expect(ok(`${tweet}?t=XCIQHf6V9CimZJiYw_rUoQ&s=19`)).toBe(tweet);
    expect(ok(`${tweet}?s=20&t=wBhNN2TOTrksE7vxzWCo3w`)).toBe(tweet);
    expect(
      ok('https://uk.news.yahoo.com/apple-workers.html?guccounter=1&guce_referrer=aHR0c&guce_referrer_sig=AQAA'),
    ).toBe('https://uk.news.yahoo.com/apple-workers.html');
    expect(ok('https://www.bloomberg.com/amp/news/articles/x?__twitter_impression=true')).toBe(
      'https://www.bloomberg.com/amp/news/articles/x',
    );
    expect(ok('https://www.nytimes.com/2019/10/28/x.html?action=click&module=relatedlinks&pgtype=article')).toBe(
      'https://www.nytimes.com/2019/10/28/x.html',
    );
    expect(ok('https://www.forbes.com/sites/a/2021/11/29/story/?sh=2157de0e67e6')).toBe(
      'https://www.forbes.com/sites/a/2021/11/29/story',
    );
    expect(ok('https://www.theguardian.com/technology/x?CMP=Share_AndroidApp_Other')).toBe(
      'https://www.theguardian.com/technology/x',
    );
    expect(ok('https://www.bbc.co.uk/news/x-55296433?at_custom2=facebook_page&at_campaign=64&fbclid=IwAR3')).toBe(
      'https://www.bbc.co.uk/news/x-55296433',
    );
  });

  it('writes a space inside an address as %20 for an importer’s file, which may hold one', () => {
    expect(normalizeSourceUrl('https://example.org/a b', { spaces: true })).toEqual({
      ok: true,
      url: 'https://example.org/a%20b',
    });
  });

  it('keeps a parameter that is tracking only on another site', () => {
    // `s` is a tweet's share code, but a search elsewhere; `action` a click on the Times, a verb elsewhere.
    expect(ok('https://gp-action.paperform.co/?s=ss')).toBe('https://gp-action.paperform.co/?s=ss');
    expect(ok('https://journals.sagepub.com/doi/full/10.1177/x?s=09')).toBe(
      'https://journals.sagepub.com/doi/full/10.1177/x?s=09',
    );
    expect(ok('https://example.org/form?action=sign')).toBe('https://example.org/form?action=sign');
    expect(ok('https://nottwitter.com/a?s=1')).toBe('https://nottwitter.com/a?s=1');
  });

  it('gives every address of the data set a form that normalises to itself', () => {
    const file = JSON.parse(fs.readFileSync('data/collective-action-tech/actions.json', 'utf8')) as {
      sources: string[];
    }[];
    const urls = file
      .flatMap((record) => record.sources)
      .flatMap((raw) => {
        const result = normalizeSourceUrl(raw);
        return result.ok ? [result.url] : [];
      });
    expect(urls.length).toBeGreaterThan(800);
    for (const url of urls) expect(ok(url), url).toBe(url);
  });

  it.each([
    ['javascript:alert(1)', 'only http and https'],
    ['data:text/html,<script>alert(1)</script>', 'only http and https'],
    ['ftp://example.org/file', 'only http and https'],
    ['', 'empty'],
    ['-wants-him-to-stay-on-fsf-board.html', 'not a web address'],
    ['https://', 'it names no site'],
    ['http:/', 'it names no site'],
    ['https://intranet/page', 'public host'],
    ['http://localhost:3000/x', 'local or private'],
    ['http://127.0.0.1/', 'local or private'],
    ['http://10.0.0.1/', 'local or private'],
    ['http://172.20.1.1/a', 'local or private'],
    ['http://192.168.1.10/a', 'local or private'],
    ['http://169.254.169.254/latest/meta-data', 'local or private'],
    ['http://[::1]/', 'local or private'],
    ['http://[fd00::1]/', 'local or private'],
    ['http://printer.local/', 'local or private'],
    ['https://user:secret@example.org/', 'user name or password'],
    [`https://example.org/${'a'.repeat(2100)}`, 'longer than'],
    // Two addresses pasted on one line, or one with a space in its host.
    ['https://news.example.com/story-one https://news.example.org/story-two', 'holds a space'],
    ['https://a.example.com/x\thttps://b.example.com/y', 'holds a space'],
    ['https://exa mple.com', 'holds a space'],
  ])('refuses %s', (raw, reason) => {
    const result = normalizeSourceUrl(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('sameDocumentUrls', () => {
  it('gives the url itself first, then its forms over https and http, with and without www', () => {
    expect(sameDocumentUrls('http://example.org/a?b=1')).toEqual([
      'http://example.org/a?b=1',
      'https://example.org/a?b=1',
      'https://www.example.org/a?b=1',
      'http://www.example.org/a?b=1',
    ]);
    expect(sameDocumentUrls('https://www.example.org')).toEqual([
      'https://www.example.org',
      'https://example.org',
      'http://example.org',
      'http://www.example.org',
    ]);
  });
});

describe('sourceHost', () => {
  it('names the publisher host without www', () => {
    expect(sourceHost('https://www.nytimes.com/2018/06/19/x.html')).toBe('nytimes.com');
  });
});

describe('a form’s sources', () => {
  it('are one source for addresses of one page, however written, as saving finds them', async () => {
    const { sourcesInput } = await import('@/lib/validation/records');
    const sources = sourcesInput.parse([
      { url: 'https://example.com/news-2' },
      { url: 'HTTPS://WWW.EXAMPLE.COM/news-2/' },
      { url: 'http://example.com/news-2#section' },
      { url: 'https://example.com/news-2?utm_campaign=x&fbclid=abc' },
      { url: 'https://example.com/news-3' },
    ]);
    expect(sources).toEqual([{ url: 'https://example.com/news-2' }, { url: 'https://example.com/news-3' }]);
  });
});

describe('a form’s sources, counted', () => {
  it('are limited to 30 distinct pages, a page given again in another way not counted twice', async () => {
    const { MAX_SOURCES, sourcesInput } = await import('@/lib/validation/records');
    const pages = Array.from({ length: MAX_SOURCES }, (_, n) => ({ url: `https://example.com/n-${n}` }));
    expect(sourcesInput.parse([...pages, { url: 'http://www.example.com/n-0' }])).toHaveLength(MAX_SOURCES);
    const tooMany = sourcesInput.safeParse([...pages, { url: 'https://example.com/n-30' }]);
    expect(tooMany.success).toBe(false);
    expect(tooMany.error?.issues[0]?.message).toBe('At most 30 sources per record.');
  });
});

describe('readableUrl', () => {
  it('decodes letters beyond ASCII for a link’s text', () => {
    expect(readableUrl('https://example.org/new-source-%C3%A9%C3%A0')).toBe('https://example.org/new-source-éà');
    expect(readableUrl('https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC')).toBe('https://ja.wikipedia.org/wiki/東京');
  });

  it('keeps encoded what could disguise or change the address', () => {
    for (const url of [
      'https://example.org/a%2Fb', // a slash
      'https://example.org/a%20b', // a space
      'https://example.org/report%E2%80%AEfdp.exe', // a right-to-left override
      'https://example.org/a%E2%80%8Db', // a zero-width joiner
      'https://example.org/a%C2%A0b', // a no-break space
      'https://example.org/%C3%A9%2F', // a letter run together with a slash
      'https://example.org/%E9', // not UTF-8
    ]) {
      expect(readableUrl(url), url).toBe(url);
    }
  });
});
