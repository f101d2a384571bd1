import type { NextRequest } from 'next/server';
import { comparisonCsv, comparisonMeasures } from '@/lib/compare-measures';
import { parseCompanyList } from '@/lib/data/compare';
import { cachedComparison } from '@/lib/public-data';
import { compareParamsSchema } from '@/lib/validation/compare-params';
import { parseParams } from '@/lib/validation/public-params';

/** The comparison on /compare as a CSV file: one row per measure and company (lib/compare-measures.ts). */
export async function GET(request: NextRequest) {
  const query = parseParams(compareParamsSchema, Object.fromEntries(request.nextUrl.searchParams));
  const slugs = parseCompanyList(query?.companies).slugs;
  if (!query || slugs.length === 0) {
    return new Response('Name the companies to compare: /compare/csv?companies=salesforce,google\n', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const comparison = await cachedComparison(slugs, query.subsidiaries === '1');
  if (comparison.companies.length === 0) {
    return new Response(`No company named ${comparison.unknown.join(', ')} is on record.\n`, {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const csv = comparisonCsv(
    comparison.companies,
    comparisonMeasures(comparison.companies, { perYear: query.per === 'year' }),
    { includeSubsidiaries: query.subsidiaries === '1' },
  );
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="counterweight-${comparison.companies.map((company) => company.slug).join('-')}.csv"`,
    },
  });
}
