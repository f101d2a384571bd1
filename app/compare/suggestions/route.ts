import type { NextRequest } from 'next/server';
import { findCompaniesByName } from '@/lib/data/search';
import { compareParamsSchema } from '@/lib/validation/compare-params';

const SUGGESTIONS = 6;
const suggestionQuery = compareParamsSchema.shape.add;

/**
 * Published companies named like ?q= (names and aliases, typos forgiven), best first, as JSON:
 * what the compare page's picker offers while a visitor types. The page's own form does the
 * same search without JavaScript.
 */
export async function GET(request: NextRequest) {
  const parsed = suggestionQuery.safeParse(request.nextUrl.searchParams.get('q') ?? '');
  if (!parsed.success || request.nextUrl.searchParams.getAll('q').length > 1) {
    return Response.json({ error: 'Give one name of at most 100 characters as ?q=.' }, { status: 400 });
  }
  const text = parsed.data?.trim() ?? '';
  const companies = text ? await findCompaniesByName(text, SUGGESTIONS) : [];
  return Response.json({ companies }, { headers: { 'cache-control': 'no-store' } });
}
