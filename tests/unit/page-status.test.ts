import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { RoleRequired } from '../../components/editor/role-required';
import { htmlEscapeJsonString } from 'next/dist/shared/lib/htmlescape';
import { calledNotFound, holdForStatus, holdsForStatus, type NotFoundPage, statusMark } from '../../lib/page-status';

/*
 * The 404 for record pages that find nothing, in front of a real HTTP server whose handler streams
 * like Next.js does: the head first (and flushed), then the page in chunks, notFound()'s digest in
 * the payload (split across two chunks here) when the page found no record.
 */

let server: Server | null = null;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

const DIGEST = ':E{\\"digest\\":\\"NEXT_HTTP_ERROR_FALLBACK;404\\"}';

/** The app's not-found page, as the server renders it for the purpose: its own nonce and policy. */
const notFoundPage: NotFoundPage = async () => ({
  headers: new Headers({
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "script-src 'nonce-fresh'",
  }),
  body: Buffer.from('<!DOCTYPE html><html><body><main><h1>Page not found</h1></main></body></html>'),
});

async function start(page?: NotFoundPage): Promise<string> {
  server = createServer((request, response) => {
    if (holdsForStatus(request)) holdForStatus(request, response, page);
    // As Next.js does, a HEAD is answered from the route alone: the page is not rendered.
    if (request.method === 'HEAD') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end();
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      vary: 'rsc',
      'content-security-policy': "script-src 'nonce-streamed'",
    });
    response.flushHeaders();
    response.write('<!DOCTYPE html><html><body><h1>');
    if (request.url?.includes('gone')) {
      response.write('This employee action was archived</h1>');
      response.end(
        '<article class="space-y-4" data-http-status="410"><p>Why: a duplicate.</p></article></body></html>',
      );
      return;
    }
    if (request.url?.includes('role')) {
      // A page without the role, or a page quoting the mark as text (escaped, as React writes it).
      const quoted = request.url.includes('quoted');
      response.write(quoted ? 'Review</h1><p>data-http-status=&quot;403&quot;</p>' : 'Review</h1>');
      if (!quoted) response.write('<div class="space-y-3" data-http-status="403"><p role="alert">Only …</p></div>');
      response.end('</body></html>');
      return;
    }
    const missing = request.url?.includes('missing');
    response.write(missing ? 'Page not found</h1>' : `${request.url} ünïcödé</h1>`);
    if (missing) {
      response.write(`<script>self.__next_f.push([1,"d${DIGEST.slice(0, 20)}`);
      response.write(`${DIGEST.slice(20)}\\n"])</script>`);
    }
    response.end(Buffer.from('</body></html>'));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
}

function request(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
    httpRequest(url, { headers, method }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('record pages that find nothing', () => {
  it('answer 404 with the whole page, and the others 200 as they were', async () => {
    const url = await start();
    const missing = await request(`${url}/companies/missing-company`);
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toContain('Page not found');
    expect(missing.body.toString()).toContain(DIGEST);
    expect(missing.body.toString()).toMatch(/<\/html>$/);
    expect(Number(missing.headers['content-length'])).toBe(missing.body.length);
    for (const path of ['/companies/salesforce', '/actions/abcdefghijabcdefghij', '/history/company/abcdefghij']) {
      const found = await request(`${url}${path}`);
      expect(found.status, path).toBe(200);
      expect(found.body.toString(), path).toBe(`<!DOCTYPE html><html><body><h1>${path} ünïcödé</h1></body></html>`);
    }
    for (const path of ['/actions/missing', '/agencies/missing', '/history/donation/missing'])
      expect((await request(`${url}${path}`)).status, path).toBe(404);
  });

  it('answer with the server-rendered not-found page and its policy when there is one', async () => {
    const url = await start(notFoundPage);
    for (const path of ['/companies/missing', '/actions/missing?from=feed']) {
      const missing = await request(`${url}${path}`);
      expect(missing.status, path).toBe(404);
      expect(missing.body.toString(), path).toBe(
        '<!DOCTYPE html><html><body><main><h1>Page not found</h1></main></body></html>',
      );
      expect(missing.headers['content-security-policy'], path).toBe("script-src 'nonce-fresh'");
    }
    const found = await request(`${url}/companies/salesforce?page=2`);
    expect(found.status).toBe(200);
    expect(found.headers['content-security-policy']).toBe("script-src 'nonce-streamed'");
  });

  it('answer a HEAD with the status and headers of the GET, and no body', async () => {
    const url = await start(notFoundPage);
    for (const [path, status] of [
      ['/companies/missing', 404],
      ['/actions/gone', 410],
      ['/review?role', 403],
      ['/companies/salesforce', 200],
    ] as const) {
      const [head, whole] = [await request(`${url}${path}`, {}, 'HEAD'), await request(`${url}${path}`)];
      expect(head.status, path).toBe(status);
      expect(head.body.length, path).toBe(0);
      expect(head.headers['content-length'], path).toBe(String(whole.body.length));
      expect(head.headers['content-type'], path).toBe(whole.headers['content-type']);
    }
  });

  it('compress what they hold for clients that accept gzip', async () => {
    const url = await start();
    const missing = await request(`${url}/organizations/missing`, { 'accept-encoding': 'gzip, br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBe('gzip');
    expect(missing.headers.vary).toBe('rsc, Accept-Encoding');
    expect(gunzipSync(missing.body).toString()).toContain('Page not found');
  });

  it('leave every other answer alone', async () => {
    const url = await start();
    // Not a record page, a client-side navigation, or not a GET: streamed as the app sends it.
    expect((await request(`${url}/search?q=missing`)).status).toBe(200);
    expect((await request(`${url}/companies/missing`, { rsc: '1' })).status).toBe(200);
    expect((await request(`${url}/companies`)).status).toBe(200);
    const fake = (method: string, url: string, headers: Record<string, string> = {}) =>
      holdsForStatus({ method, url, headers } as unknown as IncomingMessage);
    expect(fake('GET', '/companies/missing')).toBe(true);
    // A list's page past its end says so in the page (never held: an outage's error must stream).
    expect(fake('GET', '/incidents?page=12')).toBe(false);
    expect(fake('GET', '/about?page=2')).toBe(false);
    expect(fake('HEAD', '/companies/missing')).toBe(true);
    expect(fake('HEAD', '/companies')).toBe(false);
    expect(fake('POST', '/companies/missing')).toBe(false);
    expect(fake('GET', '/companies/missing', { 'next-action': 'x' })).toBe(false);
    expect(fake('GET', '/companies/a/b')).toBe(false);
    expect(fake('GET', '/api/v1/companies/missing')).toBe(false);
  });
});

describe('notFound() found in the page', () => {
  // The payload's parts as Next.js inlines them: `[1, text]`, or `[3, base64]` for bytes that are not text.
  const page = (...parts: (string | Buffer)[]) =>
    Buffer.from(
      '<!DOCTYPE html><html><body><h1>A record</h1>' +
        parts
          .map((part) => {
            const data = typeof part === 'string' ? [1, part] : [3, part.toString('base64')];
            return `<script nonce="n0nce">self.__next_f.push(${htmlEscapeJsonString(JSON.stringify(data))})</script>`;
          })
          .join('') +
        '</body></html>',
    );
  const ERROR_ROW = '1f:E{"digest":"NEXT_HTTP_ERROR_FALLBACK;404"}\n';
  /** A text of 1,024 characters or more, as React sends it: a raw row with its length in bytes. */
  const textRow = (id: string, text: string) => `${id}:T${Buffer.byteLength(text).toString(16)},${text}`;
  const forged = `${'Une description assez longue pour être envoyée telle quelle. '.repeat(20)}:E{"digest":"NEXT_HTTP_ERROR_FALLBACK;404"}\n20:E{"digest":"NEXT_HTTP_ERROR_FALLBACK;404"}\n`;

  it('by the error row React writes for it, in any part of the payload', () => {
    expect(calledNotFound(page('0:{"P":null}\n', ERROR_ROW))).toBe(true);
    expect(calledNotFound(page(`0:{"P":null}\n${textRow('5', 'é'.repeat(600))}`, ERROR_ROW))).toBe(true);
    // Split across parts, one of them bytes.
    expect(calledNotFound(page('0:{"P":null}\n1f:E{"dig', Buffer.from('est":"NEXT_HTTP_ERROR_FALLBACK;404"}\n')))).toBe(
      true,
    );
  });

  it('not by the same bytes in a record’s long text, which travels as a raw text row', () => {
    expect(forged.length).toBeGreaterThanOrEqual(1024);
    const html = page(`0:{"P":null}\n${textRow('5', forged)}6:["$","p",null,{"children":"$5"}]\n`);
    // The digest's bytes are there, as the page's script carries them…
    expect(html.toString()).toContain(':E{\\"digest\\":\\"NEXT_HTTP_ERROR_FALLBACK;404\\"}');
    // … but no error row: the page found its record.
    expect(calledNotFound(html)).toBe(false);
    // Nor in the page's own text, or in a script that is not the payload's.
    expect(calledNotFound(Buffer.from(`<p>self.__next_f.push([1,&quot;${ERROR_ROW}&quot;])</p>`))).toBe(false);
    expect(calledNotFound(page('0:{"P":null}\n'))).toBe(false);
  });
});

describe('signed-in pages for a role the person lacks', () => {
  it('answer 403 with the whole page that says so, and a page that only quotes the mark 200', async () => {
    const url = await start();
    for (const path of ['/review?role', '/admin?role', '/review/import?role', '/review/abcdefghijabcdefghij?role']) {
      const refused = await request(`${url}${path}`);
      expect(refused.status, path).toBe(403);
      expect(refused.body.toString(), path).toContain('<p role="alert">Only …</p></div></body></html>');
      expect(Number(refused.headers['content-length']), path).toBe(refused.body.length);
    }
    expect((await request(`${url}/review?role&quoted`)).status).toBe(200);
    // Not a page that needs a role: left as it was sent.
    expect((await request(`${url}/editor?role`)).status).toBe(200);
  });

  it('and an archived record answer 410 Gone with the page that says why', async () => {
    const url = await start();
    const gone = await request(`${url}/actions/gone`);
    expect(gone.status).toBe(410);
    expect(gone.body.toString()).toContain('Why: a duplicate.');
    // Not a held page: streamed as it was, with its 200.
    expect((await request(`${url}/search?q=gone`)).status).toBe(200);
  });

  it('are the pages RoleRequired renders, with the mark the server looks for', () => {
    const html = renderToStaticMarkup(createElement(RoleRequired, { title: 'Review queue', who: 'reviewers' }));
    expect(html).toContain(` ${statusMark(403)}>`);
    expect(html).toContain('Only reviewers and administrators can open this page');
  });

  it('hold the pages that need a role and the editors’ pages about one record', () => {
    const fake = (url: string) => holdsForStatus({ method: 'GET', url, headers: {} } as unknown as IncomingMessage);
    for (const path of ['/admin', '/review', '/review?type=COMPANY', '/review/import', '/review/abcdefghijabcdefghij'])
      expect(fake(path), path).toBe(true);
    for (const path of ['/editor/companies/salesforce', '/editor/actions/abc', '/editor/changes/abc'])
      expect(fake(path), path).toBe(true);
    for (const path of ['/editor', '/editor/new/company', '/admin/users', '/review/a/b', '/reviews'])
      expect(fake(path), path).toBe(false);
  });
});

describe('a history page', () => {
  it('shows everyone what a record said only when the public sees the record', async () => {
    const { historyContentsPublic } = await import('@/lib/history-paths');
    expect(historyContentsPublic({ archived: false, public: true })).toBe(true);
    // Archived, or never published (a draft, one in review, one rejected; a source no public record cites): its steps only.
    expect(historyContentsPublic({ archived: true, public: false })).toBe(false);
    expect(historyContentsPublic({ archived: false, public: false })).toBe(false);
  });
});
