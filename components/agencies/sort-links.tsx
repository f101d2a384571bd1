/** The orders a list offers, as plain links (no JavaScript needed); the current one is marked. */
export function SortLinks<T extends string>({
  options,
  current,
  href,
  label = 'Sort by',
}: {
  options: readonly (readonly [T, string])[];
  current: T;
  href: (sort: T) => string;
  label?: string;
}) {
  return (
    <nav aria-label={label} className="text-sm">
      <span className="mr-2 text-stone-700">{label}:</span>
      <ul className="inline-flex flex-wrap gap-x-4 gap-y-1">
        {options.map(([value, text]) => (
          <li key={value}>
            {value === current ? (
              <a
                href={href(value)}
                aria-current="page"
                className="inline-block py-1 font-semibold text-stone-900 no-underline"
              >
                {text}
              </a>
            ) : (
              <a href={href(value)} className="inline-block py-1">
                {text}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
