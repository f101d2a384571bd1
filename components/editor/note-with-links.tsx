/** A record's address on this site in a note ("merged into Acme (/companies/acme)"), to follow. */
const SITE_PATH = /(\/(?:companies|organizations|agencies)\/[a-z0-9-]+)/;

/** A decision's note with the addresses of records on this site in it as links. */
export function WithSiteLinks({ text }: { text: string }) {
  return text.split(SITE_PATH).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part} className="text-red-900">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
