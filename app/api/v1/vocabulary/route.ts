import { connection, type NextRequest } from 'next/server';
import { answer, badRequest, jsonResponse, preflight } from '@/lib/api/http';
import { noParamsSchema, parseQuery } from '@/lib/api/kinds';
import type { z } from 'zod';
import type { vocabularySchema } from '@/lib/api/schemas';
import { cachedFilterOptions } from '@/lib/public-data';

/** GET /api/v1/vocabulary: the values the `form`, `issue`, `tag` and `employmentType` filters take, with how many actions carry each. */
export async function GET(request: NextRequest) {
  await connection();
  const query = parseQuery(noParamsSchema, request.nextUrl.searchParams);
  if (!query.ok) return badRequest(query.issues);
  return answer(async () => {
    const { forms, issues, tags, employmentTypes } = await cachedFilterOptions();
    const terms = (list: typeof forms) => list.map(({ slug, label, count }) => ({ slug, label, actions: count }));
    const body: z.infer<typeof vocabularySchema> = {
      data: { forms: terms(forms), issues: terms(issues), tags: terms(tags), employmentTypes: terms(employmentTypes) },
    };
    return jsonResponse(request, body);
  });
}

export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
