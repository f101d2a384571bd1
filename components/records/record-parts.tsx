import { SourceList } from '@/components/sources/source-list';
import { PreciseDate } from '@/components/ui/precise-date';
import type { Citation } from '@/lib/data/sources';
import type { ArchivedLink, CompanyLink, NamedLink, StatementLink } from '@/lib/data/records';
import type { DatePrecision } from '@/lib/generated/prisma/enums';
import { STATEMENT_KIND_LABEL } from '@/lib/labels';
import { quotedWithin } from '@/lib/text';
import { contactEmail } from '@/lib/site';

/*
 * The pieces every record page (/actions, /contracts, /donations, /statements) is made of, so
 * that they read alike: a header with the kind and date, a list of facts, titled sections of
 * links, the sources.
 */

/** The record's kind and date above its title, the title, and whatever follows (companies). */
export function RecordHeader({
  kind,
  date,
  precision,
  title,
  unknownDate = 'date not known',
  children,
}: {
  kind: string;
  date: Date | null;
  precision: DatePrecision;
  title: string;
  /** What to say when the sources give no date. */
  unknownDate?: string;
  children?: React.ReactNode;
}) {
  return (
    <header className="space-y-2">
      <p className="text-sm font-medium uppercase tracking-wide text-stone-600">
        {kind}
        {' · '}
        {date ? <PreciseDate date={date} precision={precision} /> : unknownDate}
      </p>
      <h1 className="text-3xl font-bold break-words">{title}</h1>
      {children}
    </header>
  );
}

/** A definition list of the record's facts; a fact whose value is null or empty is left out. */
export function Facts({ facts, label }: { facts: [string, React.ReactNode][]; label: string }) {
  const shown = facts.filter(([, value]) => value !== null && value !== undefined && value !== '' && value !== false);
  if (shown.length === 0) return null;
  return (
    <dl
      aria-label={label}
      className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]"
    >
      {shown.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-stone-700 sm:font-normal">{term}</dt>
          <dd className="mb-2 break-words sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A titled part of a record page; its heading labels it for screen readers. */
export function RecordSection({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Items separated by commas, e.g. labels. */
export function commaList(items: string[]): string | null {
  return items.length ? items.join(', ') : null;
}

/** Companies as links, separated by commas. */
export function CompanyLinks({ companies }: { companies: CompanyLink[] }) {
  return (
    <>
      {companies.map((company, index) => (
        <span key={company.slug}>
          {index > 0 && ', '}
          <a href={`/companies/${company.slug}`}>{company.name}</a>
        </span>
      ))}
    </>
  );
}

/** An agency or organization: a link to its page when it has one, else its name. */
export function NamedLinkText({ item, base }: { item: NamedLink; base: '/agencies' | '/organizations' }) {
  const text = item.acronym ? `${item.name} (${item.acronym})` : item.name;
  return item.published ? <a href={`${base}/${item.slug}`}>{text}</a> : <span>{text}</span>;
}

export interface RecordListItem {
  key: string;
  href: string;
  title: string;
  /** Shown before the title: the date at its precision. */
  date?: { date: Date | null; precision: DatePrecision };
  /** Shown after the title, muted: a company, a kind. */
  detail?: React.ReactNode;
}

/** Linked records, one a line; `empty` when there are none (nothing when `empty` is not given). */
export function RecordLinkList({ items, empty }: { items: RecordListItem[]; empty?: string }) {
  if (items.length === 0) return empty ? <p className="text-stone-700">{empty}</p> : null;
  return (
    <ul className="space-y-2">
      {items.map((item) => (
        <li key={item.key} className="break-words">
          {item.date && (
            <>
              <span className="text-sm text-stone-600">
                <PreciseDate date={item.date.date} precision={item.date.precision} />
                {/* A colon after the date, so that a screen reader and a copy read "19 July 2018: Salesforce…", not the two run together. */}
                <span className="sr-only">:</span>
              </span>{' '}
            </>
          )}
          <a href={item.href}>{item.title}</a>
          {item.detail && <span className="text-stone-700"> · {item.detail}</span>}
        </li>
      ))}
    </ul>
  );
}

/**
 * The records a record cites or answers that a reviewer has archived since: counted apart, each
 * by its address (which says when and why; what it said is not public), so that the record does
 * not read as citing none. `also`: when the public ones are listed above.
 */
export function ArchivedLinks({ links, verb, also }: { links: ArchivedLink[]; verb: string; also: boolean }) {
  const [first] = links;
  if (!first) return null;
  const kinds = new Set(links.map((link) => link.kind));
  const what =
    links.length === 1
      ? `${/^[aeiou]/.test(first.kind) ? 'an' : 'a'} ${first.kind}`
      : `${links.length} ${kinds.size === 1 ? `${first.kind}s` : 'records'}`;
  return (
    <p className="text-sm text-stone-700">
      It {also ? 'also ' : ''}
      {verb} {what} a reviewer has since archived, taken off the public record:{' '}
      {links.length === 1 ? (
        <a href={first.href}>its address says when and why</a>
      ) : (
        <>
          their addresses say when and why (
          {links.map((link, index) => (
            <span key={link.href}>
              {index > 0 && ', '}
              <a href={link.href}>
                {kinds.size === 1 ? first.kind : link.kind} {index + 1}
              </a>
            </span>
          ))}
          )
        </>
      )}
      .
    </p>
  );
}

/** Company statements, as link items. */
export function statementItems(statements: StatementLink[], showCompany = true): RecordListItem[] {
  return statements.map((statement) => ({
    key: statement.id,
    href: `/statements/${statement.id}`,
    title: statement.summary,
    date: { date: statement.date, precision: statement.datePrecision },
    detail: `${STATEMENT_KIND_LABEL[statement.kind] ?? statement.kind}${showCompany ? `, ${statement.company.name}` : ''}`,
  }));
}

/** A quotation with who said it. */
export function Quote({ quote, by }: { quote: string; by: string | null }) {
  return (
    <figure className="max-w-3xl border-l-4 border-stone-400 pl-4">
      <blockquote className="text-lg italic text-stone-800">
        <p className="whitespace-pre-line break-words">“{quotedWithin(quote)}”</p>
      </blockquote>
      {by && <figcaption className="mt-1 text-sm text-stone-700">— {by}</figcaption>}
    </figure>
  );
}

/** A paragraph of the record's own text, keeping its line breaks. */
export function Prose({ text }: { text: string }) {
  return <p className="max-w-3xl whitespace-pre-line break-words text-stone-800">{text}</p>;
}

/** The sources section every record page ends with. */
export function RecordSources({ sources, children }: { sources: Citation[]; children?: React.ReactNode }) {
  return (
    <RecordSection id="sources" title="Sources">
      {sources.length === 0 ? (
        <p className="text-stone-700">No source is listed for this record yet.</p>
      ) : (
        <SourceList sources={sources} />
      )}
      {children}
    </RecordSection>
  );
}

/** Record ids are cuids: anything else is answered with a 404 before a query is made. */
export const validRecordId = (id: string) => /^[a-z0-9]{20,40}$/.test(id);

/**
 * Where editors propose a correction (it asks them to sign in), and, when the site names an address
 * for them (COUNTERWEIGHT_CONTACT_EMAIL), where readers send theirs: without one, no pointer to a
 * page that would only say there is none.
 */
export function CorrectionLink({ href }: { href: string }) {
  const contact = contactEmail();
  return (
    <span>
      <a href={href}>Propose a correction</a>{' '}
      <span className="text-stone-600">
        {contact ? (
          <>
            (editors; readers, write to <a href={`mailto:${contact}`}>{contact}</a>)
          </>
        ) : (
          '(editors, after signing in)'
        )}
      </span>
    </span>
  );
}

/** The record's history, and, for kinds editors can correct, where to propose a correction. */
export function RecordTools({ history, correct, feed }: { history: string; correct?: string; feed?: string }) {
  return (
    <p className="flex flex-wrap gap-4 text-sm print:hidden">
      <a href={history} className="inline-block py-1">
        History of this record
      </a>
      {correct && <CorrectionLink href={correct} />}
      {feed && <FeedLinks feed={feed} />}
    </p>
  );
}

/**
 * A page's feeds of what is newly published about it (`feed`: its address without the extension,
 * with its query), in sight: the page's head names them for feed readers only.
 */
export function FeedLinks({ feed }: { feed: string }) {
  const [path, query] = feed.split('?');
  const at = (extension: string) => `${path}.${extension}${query ? `?${query}` : ''}`;
  return (
    <span className="inline-block py-1">
      Follow what is published: <a href={at('atom')}>Atom feed</a> · <a href={at('json')}>JSON Feed</a>
    </span>
  );
}
