/** A list's address with these query parameters, those left undefined out: listAddress('/incidents', { kind: 'action' }). */
export function listAddress(path: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * A list sorted one of a few ways, at a page: its address with the usual order and page 1 left out
 * (/agencies, /agencies?sort=value&page=2).
 */
export function sortedListAddress(path: string, sort: string, usual: string, page = 1): string {
  return listAddress(path, { sort: sort === usual ? undefined : sort, page: page > 1 ? page : undefined });
}

/** The longest page of a list any page shows. */
export const MAX_PER_PAGE = 100;

/**
 * A page of a list held to bounds: a cached read ('use cache') can also be called from outside
 * with any arguments (Next registers it as a server reference), so it takes its page and length
 * through this, and anything but a whole number in range becomes the nearest one that is.
 */
export function boundedPage({ page, perPage }: { page?: unknown; perPage?: unknown }): {
  page: number;
  perPage: number;
} {
  const whole = (value: unknown, max: number, fallback: number) =>
    Number.isInteger(value) ? Math.min(Math.max(value as number, 1), max) : fallback;
  return { page: whole(page, 1_000_000, 1), perPage: whole(perPage, MAX_PER_PAGE, 25) };
}
