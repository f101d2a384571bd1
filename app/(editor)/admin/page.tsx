import type { Metadata } from 'next';
import { Fragment } from 'react';
import { Confirmation } from '@/components/ui/confirmation';
import {
  AccountForm,
  AddTermForm,
  DisableForm,
  MergeForm,
  MergeTermsForm,
  RenameTermForm,
  PasswordResetForm,
  RoleForm,
} from '@/components/editor/admin-forms';
import { RoleRequired } from '@/components/editor/role-required';
import { signedInUser } from '@/lib/auth/session';
import {
  AUDIT_GROUPS,
  AUDIT_PAGE_SIZE,
  listAuditEvents,
  listMerges,
  listTermChanges,
  listUsers,
  listVocabulary,
  MERGES_SHOWN,
  mergeSurvivor,
  TERM_CHANGES_SHOWN,
  type AuditGroup,
} from '@/lib/data/admin';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { auditDetailsLabel } from '@/lib/labels';

export const metadata: Metadata = { title: 'Administration', robots: { index: false } };

/** The steps on accounts, said among them; the others are the vocabularies'. */
const ACCOUNT_STEPS = new Set(['account', 'role', 'password', 'disabled', 'enabled']);

/** What the page says after each kind of change (named in the address the change returns to). */
const SAVED: Record<string, string> = {
  account: 'Account created. Its owner can sign in now with the password you chose.',
  role: 'Role changed. It takes effect on the account’s next page.',
  password: 'Password set. The account is signed out everywhere; it signs in with the new password.',
  disabled: 'Account disabled. It is signed out on its next page and cannot sign in.',
  enabled: 'Account enabled. It can sign in again.',
  term: 'Term added. Editors can choose it now.',
  renamed: 'Term renamed. Its new name shows wherever it does; addresses that filter by it still work.',
  merged: 'Terms merged. Every action moved to the surviving term; the other’s name still maps onto it in imports.',
};

export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await signedInUser();
  if (user.role !== 'ADMIN') return <RoleRequired title="Administration" who="administrators" />;
  const { saved, account: savedAccount, merged, into, audit, auditPage } = await searchParams;
  // The audit log as asked for (?audit=accounts&auditPage=2#audit); anything else reads as all of it, newest first.
  const group = typeof audit === 'string' && Object.hasOwn(AUDIT_GROUPS, audit) ? (audit as AuditGroup) : undefined;
  const page = typeof auditPage === 'string' && /^[1-9]\d{0,3}$/.test(auditPage) ? Number(auditPage) : 1;
  const [users, terms, termChanges, merges, { events, older, pages }] = await Promise.all([
    listUsers(user),
    listVocabulary(user),
    listTermChanges(user),
    listMerges(user),
    listAuditEvents(user, { group, page }),
  ]);
  // The account a step was taken on, named in what the page says of it.
  const changedAccount =
    typeof savedAccount === 'string' ? users.find((account) => account.id === savedAccount) : undefined;
  const auditAddress = (to: number) =>
    `/admin?${new URLSearchParams({ ...(group && { audit: group }), ...(to > 1 && { auditPage: String(to) }) })}#audit`;
  const said = typeof saved === 'string' && Object.hasOwn(SAVED, saved) ? SAVED[saved] : undefined;
  // Each said in its part of the page, where the step was taken (the page opens there), not at its top.
  const saidOfAccounts = said && ACCOUNT_STEPS.has(saved as string) ? said : undefined;
  const saidOfVocabulary = said && !saidOfAccounts ? said : undefined;
  // A merge just made (?merged=company&into=bosch): named, with its survivor's page one click away.
  const survivor =
    (merged === 'company' || merged === 'organization') && typeof into === 'string' && /^[a-z0-9-]{1,100}$/.test(into)
      ? await mergeSurvivor(user, merged, into)
      : null;
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">Administration</h1>
      {/* Each part one Tab away, not past every account's row of controls. */}
      <nav aria-label="On this page">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {[
            ['#accounts', 'Accounts'],
            ['#new-account', 'Add an account'],
            ['#merge', 'Merge duplicates'],
            ['#vocabulary', 'Vocabularies'],
            ['#audit', 'Audit log'],
          ].map(([href, label]) => (
            <li key={href}>
              <a href={href} className="inline-block py-1 underline">
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="accounts" className="space-y-2">
        <h2 id="accounts" className="text-xl font-semibold">
          Accounts
        </h2>
        {saidOfAccounts && (
          <Confirmation>
            {changedAccount && `${changedAccount.name} (${changedAccount.email}): `}
            {saidOfAccounts}
          </Confirmation>
        )}
        <p className="text-sm text-stone-700">
          A role change or a disabled account takes effect on the account&rsquo;s next page. New accounts are added
          below.
        </p>
        <ScrollRegion label="Accounts table">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Accounts</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-2 pr-3">
                  Account
                </th>
                <th scope="col" className="py-2 pr-3">
                  Role
                </th>
                <th scope="col" className="py-2">
                  Access
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((account) => (
                <tr key={account.id} className="border-b border-stone-200 align-top">
                  <th scope="row" className="py-2 pr-3 font-normal">
                    {account.name}
                    <span className="block text-stone-700">
                      <AddressBreaks text={account.email} />
                    </span>
                  </th>
                  <td className="py-2 pr-3">
                    {account.id === user.id ? (
                      account.role.toLowerCase()
                    ) : (
                      <RoleForm userId={account.id} role={account.role} label={account.email} />
                    )}
                  </td>
                  <td className="py-2">
                    {account.id === user.id ? (
                      'You'
                    ) : (
                      <>
                        <DisableForm userId={account.id} disabled={Boolean(account.disabledAt)} name={account.name} />
                        <PasswordResetForm userId={account.id} name={account.name} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <h3 id="new-account" className="pt-2 text-lg font-semibold">
          Add an account
        </h3>
        <AccountForm />
      </section>
      <section aria-labelledby="merge" className="space-y-2">
        <h2 id="merge" className="text-xl font-semibold">
          Merge duplicate companies or organizations
        </h2>
        {survivor && (
          <Confirmation>
            {/* An organisation's name is not made another name of the survivor: typed in a form, it still leads there. */}
            Merged. The duplicate&rsquo;s records, links, {merged === 'company' ? 'names and sources' : 'and sources'}{' '}
            now belong to {survivor.name}, and its address leads there: <a href={survivor.href}>see {survivor.name}</a>.
          </Confirmation>
        )}
        <p className="text-sm text-stone-700">
          Every record, link and source moves to the second one and the first one&rsquo;s address leads to it; a
          company&rsquo;s name also becomes one of the survivor&rsquo;s other names. Its own details (sector, website
          and the like) do not: the preview lists those the survivor lacks. Both histories stay. You see what would
          move, and confirm, before anything changes: there is no undo.
        </p>
        <MergeForm />
        {/* A merge cannot be undone: every admin sees here who made which, not only in the two records' histories. */}
        <h3 id="merges" className="pt-2 text-lg font-semibold">
          Latest merges
        </h3>
        {merges.length === 0 ? (
          <p className="text-sm text-stone-700">No company or organization has been merged yet.</p>
        ) : (
          <ScrollRegion label="Latest merges">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">
                The latest {MERGES_SHOWN} merges of companies and organizations at most, newest first
              </caption>
              <ColumnHeads names={['When (UTC)', 'What', 'By']} />
              <tbody>
                {merges.map((merge) => (
                  <tr key={merge.id} className="border-b border-stone-200 align-top">
                    <td className="py-2 pr-3 sm:whitespace-nowrap">{utcSeconds(merge.at)}</td>
                    <td className="py-2 pr-3">
                      Merged the {merge.kind} &ldquo;{merge.from.name}&rdquo; into{' '}
                      {merge.into.href ? <a href={merge.into.href}>{merge.into.name}</a> : merge.into.name}
                      {/* Each link says whose history it opens (a screen reader's list of links reads it alone),
                          and is tall enough to tap on a phone. */}
                      <ul className="flex flex-wrap gap-x-4">
                        <li>
                          <a href={merge.from.history} className="inline-block py-1">
                            History of &ldquo;{merge.from.name}&rdquo;
                          </a>
                        </li>
                        <li>
                          <a href={merge.into.history} className="inline-block py-1">
                            History of {merge.into.name}
                          </a>
                        </li>
                      </ul>
                    </td>
                    <td className="py-2">
                      <AddressBreaks text={merge.by} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <section aria-labelledby="vocabulary" className="space-y-3">
        <h2 id="vocabulary" className="text-xl font-semibold">
          Controlled vocabularies
        </h2>
        {saidOfVocabulary && <Confirmation>{saidOfVocabulary}</Confirmation>}
        <p className="text-sm text-stone-700">
          Extend a list, rename a term, or merge two spellings of one term: every action moves to the survivor, and
          imports map the old spelling to it. A merge is shown for confirmation first.
        </p>
        <AddTermForm />
        <RenameTermForm terms={terms} />
        <MergeTermsForm terms={terms} />
        <h3 id="term-changes" className="text-lg font-semibold">
          Latest changes to the lists
        </h3>
        {termChanges.length === 0 ? (
          <p className="text-sm text-stone-700">
            No administrator has changed a list yet: its terms are the demo data’s and imports’.
          </p>
        ) : (
          <ScrollRegion label="Latest changes to the lists">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">
                The latest {TERM_CHANGES_SHOWN} changes to the lists at most, newest first
              </caption>
              <ColumnHeads names={['When (UTC)', 'What', 'By']} />
              <tbody>
                {termChanges.map((change) => (
                  <tr key={change.id} className="border-b border-stone-200 align-top">
                    <td className="py-2 pr-3 sm:whitespace-nowrap">{utcSeconds(change.at)}</td>
                    {/* A term may be one long word (the list takes 80 letters without a space): it wraps
                        anywhere, rather than widen the table and squeeze the other columns. */}
                    <td className="py-2 pr-3 wrap-anywhere">{change.what}</td>
                    <td className="py-2">
                      <AddressBreaks text={change.by} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <section aria-labelledby="audit" className="space-y-2">
        <h2 id="audit" className="text-xl font-semibold">
          Audit log
        </h2>
        <p className="text-sm text-stone-700">
          Sign-ins, refused and blocked attempts and changes to accounts, newest first, {AUDIT_PAGE_SIZE} a page. No
          password is ever kept.
        </p>
        <form method="get" action="/admin#audit" className="flex flex-wrap items-end gap-2 text-sm">
          <label className="flex min-w-0 max-w-full flex-col gap-1">
            <span>Show</span>
            <select
              name="audit"
              defaultValue={group ?? ''}
              className="max-w-full rounded border border-stone-500 bg-white px-2 py-1"
            >
              <option value="">Everything</option>
              {(Object.keys(AUDIT_GROUP_LABEL) as AuditGroup[]).map((key) => (
                <option key={key} value={key}>
                  {AUDIT_GROUP_LABEL[key]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded bg-stone-800 px-3 py-1.5 text-white hover:bg-stone-700">
            Show
          </button>
        </form>
        {pages !== undefined ? (
          <p role="alert">
            {`There is no page ${page.toLocaleString('en-US')} of ${group ? 'these events' : 'the audit log'}: ${pages === 1 ? 'it has one page' : `it has ${pages.toLocaleString('en-US')} pages`}.`}{' '}
            {pages > 1 ? (
              <>
                Go to <a href={auditAddress(pages)}>the last page</a> or <a href={auditAddress(1)}>the first</a>.
              </>
            ) : (
              <a href={auditAddress(1)}>Go to the first page.</a>
            )}
          </p>
        ) : events.length === 0 ? (
          <p>{group ? 'None yet.' : 'Nothing has happened yet.'}</p>
        ) : (
          <ScrollRegion label="Audit log table">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">Audit log, newest first</caption>
              <ColumnHeads names={['When (UTC)', 'What', 'Account', 'By', 'From']} />
              <tbody>
                {events.map((event) => (
                  <tr key={event.id} className="border-b border-stone-200 align-top">
                    <td className="whitespace-nowrap py-2 pr-3">{utcSeconds(event.createdAt)}</td>
                    <td className="py-2 pr-3">
                      {AUDIT_LABEL[event.kind] ?? event.kind}
                      {event.details ? (
                        <span className="block text-stone-700">{auditDetailsLabel(event.details)}</span>
                      ) : null}
                    </td>
                    <td className="py-2 pr-3">{event.account ?? '—'}</td>
                    <td className="py-2 pr-3">{event.actor ?? '—'}</td>
                    <td className="py-2">{event.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {pages === undefined && (page > 1 || older) && (
          <nav aria-label="Audit log pages" className="flex flex-wrap gap-4 text-sm">
            {page > 1 && <a href={auditAddress(page - 1)}>&larr; Newer</a>}
            <span className="text-stone-700">Page {page}</span>
            {older && <a href={auditAddress(page + 1)}>Older &rarr;</a>}
          </nav>
        )}
      </section>
    </div>
  );
}

/** The head of one of the page's tables (the last column without room after it). */
function ColumnHeads({ names }: { names: string[] }) {
  return (
    <thead>
      <tr className="border-b border-stone-300">
        {names.map((name, index) => (
          <th key={name} scope="col" className={index < names.length - 1 ? 'py-2 pr-3' : 'py-2'}>
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * An email address, or "Name (address)", that a narrow column breaks before its "@" and its dots
 * only: "auditf-4 / @counterweight / .example", not every few letters as breaking anywhere would
 * (which lets the table squeeze the column to a few letters). A part still wider than the column
 * widens the table, which scrolls sideways in its region.
 */
function AddressBreaks({ text }: { text: string }) {
  return text.split(/(?=@)|(?=\.\S)/).map((part, index) => (
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

/** A moment to the second, in UTC, as the tables' first column writes it: "2026-12-05 23:49:59". */
const utcSeconds = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

const AUDIT_GROUP_LABEL: Record<AuditGroup, string> = {
  accounts: 'Changes to accounts',
  refused: 'Refused or blocked sign-ins',
  signIns: 'Sign-ins',
};

const AUDIT_LABEL: Record<string, string> = {
  SIGN_IN: 'Signed in',
  SIGN_IN_FAILED: 'Sign-in refused',
  SIGN_IN_BLOCKED: 'Sign-in blocked (too many attempts)',
  USER_CREATED: 'Account created',
  ROLE_CHANGED: 'Role changed',
  USER_DISABLED: 'Account disabled',
  USER_ENABLED: 'Account enabled',
  PASSWORD_CHANGED: 'Password changed',
};
