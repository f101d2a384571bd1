import 'server-only';
import { siteUrl } from '../site';
import { cachedFeedSubject, cachedRecent } from './cached';
import { atomFeed, FEED_SIZE, feedEntries, jsonFeed, type FeedInfo } from './feeds';
import { answer, badRequest, cachedBody, errorResponse } from './http';
import { familySlugs } from '../data/company-figures';
import { anotherNameOf } from '../data/open-data';
import { companyFeedParamsSchema, noParamsSchema, parseQuery, type Kind, type RecordFilters } from './kinds';

const INCIDENTS: Kind[] = ['actions', 'contracts', 'donations', 'statements'];
const EVERYTHING: Kind[] = ['companies', 'agencies', 'organizations', ...INCIDENTS];
const SLUG = /^[a-z0-9-]{1,100}$/;

const CONTENT_TYPE = { atom: 'application/atom+xml; charset=utf-8', json: 'application/feed+json; charset=utf-8' };

/**
 * "salesforce.atom" -> { name: "salesforce", format: "atom" }; null for anything else. A slug in
 * any case is read in lower case, as the pages and the API read it ("Salesforce.atom").
 */
export function feedFile(file: string): { name: string; format: 'atom' | 'json' } | null {
  const match = /^(.+)\.(atom|json)$/.exec(file);
  const name = match?.[1]?.toLowerCase();
  if (!name || !SLUG.test(name)) return null;
  return { name, format: match?.[2] === 'atom' ? 'atom' : 'json' };
}

/**
 * A feed of the latest published or changed records: everything, or the incidents of one
 * company or agency (404 when there is no such published company or agency).
 */
export async function feedResponse(
  request: Request,
  scope: { kind: 'all' } | { kind: 'companies' | 'agencies'; slug: string },
  format: 'atom' | 'json',
): Promise<Response> {
  const query = parseQuery(
    scope.kind === 'companies' ? companyFeedParamsSchema : noParamsSchema,
    new URL(request.url).searchParams,
  );
  if (!query.ok) return badRequest(query.issues);
  const { subsidiaries } = query.data as { subsidiaries?: '1' };
  return answer(async () => {
    const site = siteUrl();
    const extension = format === 'atom' ? 'atom' : 'json';
    let info: FeedInfo;
    let kinds = EVERYTHING;
    let filters: RecordFilters = {};
    if (scope.kind === 'all') {
      info = {
        title: 'Counterweight: newly published records',
        subtitle:
          'Companies, agencies, organizations, employee actions, contracts, donation responses and statements, as they are published or changed.',
        site,
        path: `/feeds/all.${extension}`,
        page: '/',
      };
    } else {
      const subject = await cachedFeedSubject(scope.kind, scope.slug);
      const what = scope.kind === 'companies' ? 'company' : 'agency';
      if (!subject) {
        // Another of a company's or agency's names (aws): its feed, under its slug, said.
        const named = await anotherNameOf(what, scope.slug);
        const feed = named
          ? ` It is another name of the ${what} whose feed is /feeds/${scope.kind}/${named}.${extension}.`
          : '';
        return errorResponse(404, `No published ${what} "${scope.slug}".${feed}`);
      }
      kinds = INCIDENTS;
      // The subject is published under its own slug (a merged one's feed redirected to it), so
      // only the family, when asked for, is looked up.
      filters =
        scope.kind === 'companies'
          ? { company: subject.slug, family: subsidiaries ? await familySlugs(subject.slug) : undefined }
          : { agency: subject.slug };
      // With its subsidiaries when it has some on record (`family` is set only then).
      const name = filters.family ? `${subject.name} and its subsidiaries` : subject.name;
      const query = filters.family ? '?subsidiaries=1' : '';
      info = {
        title: `Counterweight: ${name}`,
        // An agency's records are its contractors' (as on /agencies/<slug>), not the agency's own.
        subtitle: `Employee actions, contracts, donation responses and statements ${
          scope.kind === 'companies' ? 'on record for' : 'touching contracts awarded by'
        } ${name}, as they are published or changed.`,
        site,
        path: `/feeds/${scope.kind}/${subject.slug}.${extension}${query}`,
        page: `/${scope.kind}/${subject.slug}${query}`,
        fallbackUpdated: subject.updatedAt.toISOString(),
      };
    }
    const entries = feedEntries(site, await cachedRecent(kinds, filters, FEED_SIZE));
    const body = format === 'atom' ? atomFeed(info, entries) : jsonFeed(info, entries);
    return cachedBody(request, body, CONTENT_TYPE[format]);
  });
}
