/**
 * A list's page past its end (page=99 of 3): says so and leads to its last and first pages, with the
 * list's filters and order kept (`href` gives a page's address), instead of an empty list. `list`
 * names what is paged when it is not the page's only list (a company's "timeline").
 */
export function PastTheEnd({
  title,
  page,
  pages,
  href,
  list = 'list',
}: {
  title: string;
  page: number;
  pages: number;
  href: (page: number) => string;
  list?: string;
}) {
  return (
    <div className="space-y-3">
      {/* A page that is not there is not for search engines to list (React puts this in the head). */}
      <meta name="robots" content="noindex" />
      <h1 className="text-3xl font-bold">{title}</h1>
      <p role="alert">
        {`There is no page ${page.toLocaleString('en-US')} of this ${list}: it has ${pages === 1 ? 'one page' : `${pages.toLocaleString('en-US')} pages`}.`}{' '}
        {pages > 1 ? (
          <>
            Go to <a href={href(pages)}>the last page</a> or <a href={href(1)}>the first</a>.
          </>
        ) : (
          <a href={href(1)}>{`Go to the ${list}`}</a>
        )}
      </p>
    </div>
  );
}
