import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AddTermForm, DisableForm, MergeForm, MergeTermsForm, RoleForm } from '@/components/editor/admin-forms';
import { requireUser } from '@/lib/auth/session';
import { listUsers, listVocabulary } from '@/lib/data/admin';

export const metadata: Metadata = { title: 'Administration', robots: { index: false } };

export default async function AdminPage() {
  const user = await requireUser();
  if (user.role !== 'ADMIN') notFound();
  const [users, terms] = await Promise.all([listUsers(user), listVocabulary(user)]);
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">Administration</h1>
      <section aria-labelledby="accounts" className="space-y-2">
        <h2 id="accounts" className="text-xl font-semibold">
          Accounts
        </h2>
        <p className="text-sm text-stone-700">
          Create accounts with <code>npm run user:create</code>. A role change or a disabled account takes effect on the
          next request.
        </p>
        <div className="overflow-x-auto">
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
                    <span className="block text-stone-700">{account.email}</span>
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
                      <DisableForm userId={account.id} disabled={Boolean(account.disabledAt)} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="merge" className="space-y-2">
        <h2 id="merge" className="text-xl font-semibold">
          Merge duplicate companies or organizations
        </h2>
        <p className="text-sm text-stone-700">
          Everything moves to the second company; the first one&rsquo;s name becomes an alias and its address redirects.
          Both histories stay.
        </p>
        <MergeForm />
      </section>
      <section aria-labelledby="vocabulary" className="space-y-3">
        <h2 id="vocabulary" className="text-xl font-semibold">
          Controlled vocabularies
        </h2>
        <p className="text-sm text-stone-700">
          Extend a list, or merge two spellings of one term: every action moves to the survivor, and imports map the old
          spelling to it.
        </p>
        <AddTermForm />
        <MergeTermsForm terms={terms} />
      </section>
    </div>
  );
}
