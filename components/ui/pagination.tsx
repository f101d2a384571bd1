/** Previous / next links and where you are; nothing when everything fits on one page. */
export function Pagination({
  page,
  pages,
  href,
  label = 'Pages',
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  label?: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-4">
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          <span aria-hidden="true">&larr;</span> Previous
        </a>
      )}
      <span className="text-stone-700">
        Page {page} of {pages}
      </span>
      {page < pages && (
        <a href={href(page + 1)} rel="next">
          Next <span aria-hidden="true">&rarr;</span>
        </a>
      )}
    </nav>
  );
}
