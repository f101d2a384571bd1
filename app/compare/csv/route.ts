import type { NextRequest } from 'next/server';
import { CORS_HEADERS, errorResponse, preflight, PUBLIC_CACHE } from '@/lib/api/http';
import type { ApiIssue } from '@/lib/api/schemas';
import { toIssues, UNKNOWN_PARAMETER } from '@/lib/api/kinds';
import { compareAddress } from '@/lib/compare-address';
import { comparisonCsv, comparisonMeasures } from '@/lib/compare-measures';
import { MAX_NAMES_READ, parseCompanyList } from '@/lib/data/compare';
import { cachedComparison } from '@/lib/public-data';
import { eitherList } from '@/lib/text';
import { comparisonCsvParamsSchema } from '@/lib/validation/compare-params';

/** A refusal as every export answers one: JSON with the reason (and each parameter's, when some are wrong), CORS, not cached. */
const refusal = (status: 400, lines: string[], issues?: ApiIssue[]) => errorResponse(status, lines.join(' '), issues);
/** A refusal of the companies named: the parameter is named among the issues, as any other wrong one is. */
const companiesRefusal = (message: string) => refusal(400, [message], [{ path: ['companies'], message }]);

/**
 * The comparison on /compare as a CSV file: one row per measure and company (lib/compare-measures.ts).
 * A file is data taken away without the page's messages, so whatever the page would say and show
 * around (a company not on record, more than four, a parameter it cannot read) is refused here with
 * the reason, rather than left out of the file without a word.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  // Companies may be given once each; a switch given twice (subsidiaries=0&subsidiaries=1) is
  // refused, as the page refuses it, rather than read as its last value.
  const given: Record<string, string | string[]> = Object.create(null);
  const repeated: ApiIssue[] = [];
  for (const key of new Set(params.keys())) {
    // A blank value is no value (subsidiaries= is the switch left off), as on every other address.
    const values = params
      .getAll(key)
      .map((value) => value.trim())
      .filter((value) => value !== '');
    if (values.length === 0) {
      // Though blank, an unknown parameter is said to be unknown, as the API says it.
      if (!Object.hasOwn(comparisonCsvParamsSchema.shape, key)) given[key] = '';
      continue;
    }
    given[key] = values.length === 1 ? (values[0] as string) : values;
    // (An unknown parameter is said to be unknown, not to be given once.)
    if (values.length > 1 && key !== 'companies' && Object.hasOwn(comparisonCsvParamsSchema.shape, key)) {
      repeated.push({ path: [key], message: 'given more than once; give it once' });
    }
  }
  const parsed = comparisonCsvParamsSchema.safeParse(given);
  if (!parsed.success || repeated.length > 0) {
    const issues = [
      ...repeated,
      ...(parsed.success ? [] : toIssues(parsed.error)).filter(
        (issue) => !repeated.some((twice) => twice.path[0] === issue.path[0] && issue.message !== UNKNOWN_PARAMETER),
      ),
    ];
    const unknown = issues.filter((issue) => issue.message === UNKNOWN_PARAMETER).map((issue) => issue.path.join('.'));
    return refusal(
      400,
      [
        ...(unknown.length
          ? [`Unknown parameter ${unknown.join(', ')}: the file takes companies, subsidiaries (1) and per (year).`]
          : []),
        ...issues
          .filter((issue) => issue.message !== UNKNOWN_PARAMETER)
          .map((issue) => `${issue.path.join('.') || 'The address'}: ${issue.message.replace(/\.$/, '')}.`),
      ],
      issues,
    );
  }
  const query = parsed.data;
  const { slugs, malformed, unread } = parseCompanyList(query.companies);
  if (slugs.length === 0 && malformed.length === 0) {
    return companiesRefusal('Name the companies to compare: /compare/csv?companies=salesforce,google');
  }
  if (unread > 0) {
    return companiesRefusal(
      `At most four companies are compared, and the file reads no more than ${MAX_NAMES_READ} names: ${unread === 1 ? '1 more was' : `${unread} more were`} given.`,
    );
  }
  const includeSubsidiaries = query.subsidiaries === '1';
  const comparison = await cachedComparison(slugs, includeSubsidiaries);
  const unknown = [...comparison.unknown, ...malformed];
  // A name not on record is a parameter the file cannot apply (400), as it is for the exports' filters.
  if (comparison.companies.length === 0) {
    return companiesRefusal(`No company is on record as ${eitherList(unknown.map((slug) => `“${slug}”`))}.`);
  }
  const view = {
    companies: comparison.companies.map((company) => company.slug),
    includeSubsidiaries,
    perYear: query.per === 'year',
  };
  const address = compareAddress(view, '/compare/csv');
  if (unknown.length > 0) {
    const named = eitherList(unknown.map((slug) => `“${slug}”`));
    return companiesRefusal(`No company is on record as ${named}: ${address} compares the others.`);
  }
  if (comparison.overLimit.length > 0) {
    const left = comparison.overLimit.map((company) => company.name).join(', ');
    return companiesRefusal(
      `At most four companies are compared; ${left} would be left out: ${address} compares the first four.`,
    );
  }
  const csv = comparisonCsv(comparison.companies, comparisonMeasures(comparison.companies, { perYear: view.perYear }), {
    includeSubsidiaries,
  });
  return new Response(csv, {
    headers: {
      // As the other exports: readable from any site, cached for a minute.
      ...CORS_HEADERS,
      'Cache-Control': PUBLIC_CACHE,
      'content-type': 'text/csv; charset=utf-8',
      // Named for what it holds, so that the same companies with other options are not saved over it.
      'content-disposition': `attachment; filename="counterweight-${[
        ...view.companies,
        ...(includeSubsidiaries ? ['with-subsidiaries'] : []),
        ...(view.perYear ? ['per-year'] : []),
      ].join('-')}.csv"`,
    },
  });
}

export const OPTIONS = preflight;

// Any other method: the read-only addresses' 405, as JSON with CORS.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
