/** A list's page past its end (page=99 of 3): says so and leads back, instead of an empty list. */
export function PastTheEnd({ title, page, pages, href }: { title: string; page: number; pages: number; href: string }) {
  return (
    <div className="space-y-3">
      <h1 className="text-3xl font-bold">{title}</h1>
      <p role="alert">
        {`There is no page ${page.toLocaleString('en-US')} of this list: it has ${pages === 1 ? 'one page' : `${pages.toLocaleString('en-US')} pages`}.`}{' '}
        <a href={href}>Go to the first page</a>.
      </p>
    </div>
  );
}
