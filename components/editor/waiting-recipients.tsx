import { AsideAnnouncer, RecipientAside } from '@/components/editor/recipient-aside';
import type { SetAsideRecipient, WaitingRecipient } from '@/lib/data/usaspending-upload';
import { formatPreciseDate } from '@/lib/dates';
import { recipientCompanyName, storedNote } from '@/lib/import/usaspending-report';

/** The address of a form with a field filled in from the list (the name typed as the file writes it). */
const withValues = (path: string, values: Record<string, string>) => `${path}?${new URLSearchParams(values)}`;

/**
 * The recipients imports left out for want of a company, kept between imports until a file naming
 * them is imported with a company to match: each with what to do, as links to the forms that do it,
 * filled in with the recipient's name (and, for a new company, its permalink as the source).
 */
export function WaitingRecipients({
  recipients,
  count,
  rows,
  setAside,
}: {
  recipients: WaitingRecipient[];
  count: number;
  rows: number;
  /** Those a reviewer set aside: recipients the record does not follow, off this list until put back. */
  setAside: { recipients: SetAsideRecipient[]; count: number };
}) {
  return (
    <section aria-labelledby="waiting-recipients" className="space-y-2">
      <h2 id="waiting-recipients" className="text-xl font-semibold">
        Recipients waiting for a company
      </h2>
      <AsideAnnouncer />
      {count === 0 ? (
        <p className="text-stone-700">
          {setAside.count > 0
            ? 'None: every recipient of the files imported so far matched a company by its name or another name, or was set aside.'
            : 'None: every recipient of the files imported so far matched a company by its name or another name.'}
        </p>
      ) : (
        <>
          <p className="max-w-3xl text-stone-700">
            {count === 1 ? 'One recipient' : `${count.toLocaleString('en-US')} recipients`} (
            {rows === 1 ? '1 row' : `${rows.toLocaleString('en-US')} rows`}) matched no company, so their rows were not
            imported. Add the recipient&rsquo;s name to a company&rsquo;s other names, or add the company; once another
            reviewer has published that (no one publishes their own), import the file again: its rows come in and the
            recipient leaves this list. A recipient the record does not follow can be set aside: it leaves this list for
            the one below, and files naming it later leave it there.
          </p>
          <ul className="list-disc space-y-1 pl-6">
            {recipients.map((recipient) => {
              const name = recipientCompanyName(recipient.name, recipient.parent);
              return (
                <li key={recipient.name}>
                  {/* Isolated: a name from the file may hold right-to-left marks that would reorder the line. */}
                  <bdi className="font-medium">{recipient.name}</bdi> ({recipient.rows.toLocaleString('en-US')}{' '}
                  {recipient.rows === 1 ? 'row' : 'rows'} in the last {recipient.spellings.length ? 'files' : 'file'}{' '}
                  naming it, imported {formatPreciseDate(recipient.lastSeen, 'DAY')}
                  <OtherSpellings spellings={recipient.spellings} />
                  {/* Not every row waits: those an earlier import stored keep their contracts, no longer updated. */}
                  {recipient.stored > 0 && `; ${storedNote(recipient.stored, recipient.rows)}, no longer updated`}
                  {recipient.parent && recipient.parent !== recipient.name && (
                    <>
                      ; parent <bdi>{recipient.parent}</bdi>
                    </>
                  )}
                  )
                  {recipient.matches ? (
                    <>
                      {' '}
                      &mdash; now matches <a href={`/companies/${recipient.matches.slug}`}>{recipient.matches.name}</a>:
                      import its file again
                    </>
                  ) : name ? (
                    <>
                      {recipient.perhaps && (
                        <>
                          {' '}
                          &mdash; perhaps{recipient.perhaps.byParent && ' (by its parent’s name)'}
                          {recipient.perhaps.holds && ' (it holds those contracts)'}{' '}
                          <a href={withValues(`/editor/companies/${recipient.perhaps.slug}`, { alias: name })}>
                            {recipient.perhaps.name}: add {name === recipient.name ? 'it' : 'its parent'} to its other
                            names
                          </a>
                        </>
                      )}{' '}
                      &mdash;{' '}
                      <a href={withValues('/editor/new/company', { name, source: recipient.permalink })}>
                        {recipient.perhaps
                          ? `or add a company of ${name === recipient.name ? 'this' : 'its parent’s'} name`
                          : name === recipient.name
                            ? 'add the company'
                            : 'add its parent as a company'}
                        <span className="sr-only"> ({name})</span>
                      </a>
                    </>
                  ) : (
                    <> &mdash; no name a company could be known by: its rows wait for a file that names the recipient</>
                  )}
                  {!recipient.matches && (
                    <>
                      {' '}
                      <RecipientAside name={recipient.name} step="aside" />
                    </>
                  )}
                </li>
              );
            })}
            {count > recipients.length && <li>and {(count - recipients.length).toLocaleString('en-US')} more</li>}
          </ul>
        </>
      )}
      {setAside.count > 0 && (
        <>
          <h3 id="set-aside-recipients" className="pt-2 text-lg font-semibold">
            Set aside: recipients the record does not follow
          </h3>
          <ul aria-labelledby="set-aside-recipients" className="list-disc space-y-1 pl-6">
            {setAside.recipients.map((recipient) => (
              <li key={recipient.name}>
                <bdi className="font-medium">{recipient.name}</bdi> ({recipient.rows.toLocaleString('en-US')}{' '}
                {recipient.rows === 1 ? 'row' : 'rows'} in the last {recipient.spellings.length ? 'files' : 'file'}{' '}
                naming it, imported {formatPreciseDate(recipient.lastSeen, 'DAY')}
                <OtherSpellings spellings={recipient.spellings} />
                ), set aside {formatPreciseDate(recipient.setAsideAt, 'DAY')}
                {recipient.by && (
                  <>
                    {' '}
                    by {recipient.by.name} ({recipient.by.email})
                  </>
                )}{' '}
                <RecipientAside name={recipient.name} step="back" />
              </li>
            ))}
            {setAside.count > setAside.recipients.length && (
              <li>and {(setAside.count - setAside.recipients.length).toLocaleString('en-US')} more</li>
            )}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * A recipient's other spellings in the files, said on its line: a company's name or alias matches
 * them all at once, and setting it aside sets them aside with it.
 */
function OtherSpellings({ spellings }: { spellings: { name: string; rows: number }[] }) {
  if (spellings.length === 0) return null;
  return (
    <>
      ; also written{' '}
      {spellings.map((spelling, index) => (
        <span key={spelling.name}>
          {index > 0 && (index === spellings.length - 1 ? ' and ' : ', ')}
          <bdi>{spelling.name}</bdi> ({spelling.rows.toLocaleString('en-US')} {spelling.rows === 1 ? 'row' : 'rows'})
        </span>
      ))}
    </>
  );
}
