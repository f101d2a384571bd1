import type { NextRequest } from 'next/server';
import { findCompaniesByName, findOrganizationsByName } from '@/lib/data/search';
import type { NameSuggestion } from '@/lib/name-suggestions';
import { compareParamsSchema } from '@/lib/validation/compare-params';

const SUGGESTIONS = 6;
const suggestionQuery = compareParamsSchema.shape.add;

const FINDERS: Record<string, (text: string) => Promise<NameSuggestion[]>> = {
  companies: async (text) =>
    (await findCompaniesByName(text, SUGGESTIONS)).map(({ slug, name, matched }) => ({
      slug,
      name,
      also: matched.toLowerCase() === name.toLowerCase() ? null : matched,
    })),
  organizations: async (text) =>
    (await findOrganizationsByName(text, SUGGESTIONS)).map(({ slug, name, acronym, matched }) => ({
      slug,
      name,
      // The merged organisation's name it was found by, else its acronym.
      also: matched ?? acronym,
    })),
};

/**
 * Published companies or organisations named like ?q= (names, other names and acronyms, typos
 * forgiven), best first, as JSON: what the name boxes offer while someone types (the compare
 * page's picker, the editors' forms). Each page also works without them.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  const find = Object.hasOwn(FINDERS, kind) ? FINDERS[kind] : undefined;
  if (!find) {
    return Response.json({ error: 'Names are suggested for companies and organizations.' }, { status: 404 });
  }
  const parsed = suggestionQuery.safeParse(request.nextUrl.searchParams.get('q') ?? '');
  if (!parsed.success || request.nextUrl.searchParams.getAll('q').length > 1) {
    return Response.json({ error: 'Give one name of at most 100 characters as ?q=.' }, { status: 400 });
  }
  const text = parsed.data?.trim() ?? '';
  const names = text ? await find(text) : [];
  return Response.json({ names }, { headers: { 'cache-control': 'no-store' } });
}
