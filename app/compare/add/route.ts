import type { NextRequest } from 'next/server';
import { compareAddress } from '@/lib/compare-address';
import { MAX_COMPARED, parseCompanyList } from '@/lib/data/compare';
import { findCompaniesByName } from '@/lib/data/search';
import { nameKey } from '@/lib/text';
import { compareParamsSchema } from '@/lib/validation/compare-params';
import { parseParams } from '@/lib/validation/public-params';

/**
 * Where the compare page's "Add a company" box sends its name (a plain GET form, so it works
 * without JavaScript): a name one company is on record as (its name or another of its names, in
 * any case) adds that company at once; anything else goes to the compare page, which lists the
 * companies like it to choose from, or says what is wrong with the address.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  // Commas as the comparison's own addresses write them (companies=salesforce,google), to share.
  const page = `/compare${params.size ? `?${params.toString().replace(/%2C/gi, ',')}` : ''}`;
  const keys = [...params.keys()];
  const query =
    new Set(keys).size === keys.length ? parseParams(compareParamsSchema, Object.fromEntries(params)) : null;
  const typed = nameKey(query?.add ?? '');
  const { slugs, malformed } = parseCompanyList(query?.companies);
  if (!query || !typed || malformed.length > 0 || slugs.length >= MAX_COMPARED) return seeOther(page);
  // Exactly one company named so, not compared yet: a name two companies share, or one already
  // compared, is for the page to list or to say.
  const exact = (await findCompaniesByName(query.add!, 6)).filter((company) => nameKey(company.matched) === typed);
  if (exact.length !== 1 || slugs.includes(exact[0]!.slug)) return seeOther(page);
  const view = {
    companies: [...slugs, exact[0]!.slug],
    includeSubsidiaries: query.subsidiaries === '1',
    perYear: query.per === 'year',
  };
  // Back at the box, for a keyboard to add the next one (as choosing a suggestion leaves it there).
  return seeOther(`${compareAddress(view)}#compare-add`);
}

/** A redirect to a path of this site, relative: the address the browser used stays its origin. */
const seeOther = (path: string) => new Response(null, { status: 303, headers: { location: path } });
