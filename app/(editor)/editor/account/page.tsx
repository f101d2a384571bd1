import type { Metadata } from 'next';
import { PasswordForm } from '@/components/editor/password-form';
import { signedInUser } from '@/lib/auth/session';
import { hasPassword } from '@/lib/data/account';

export const metadata: Metadata = { title: 'Your account', robots: { index: false } };

export default async function AccountPage() {
  const user = await signedInUser();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Your account</h1>
      <p>
        {user.name}, {user.email}: {user.role.toLowerCase()}. An administrator changes names, addresses and roles.
      </p>
      <section aria-labelledby="password" className="space-y-2">
        <h2 id="password" className="text-xl font-semibold">
          Change your password
        </h2>
        {(await hasPassword(user)) ? (
          <>
            <p className="text-sm text-stone-700">
              Once it is changed, every session of yours ends, this one too (someone who signed in with the old one is
              signed out): you sign in again with the new one.
            </p>
            <PasswordForm />
          </>
        ) : (
          <p className="text-stone-700">This account signs in with GitHub: it has no password here to change.</p>
        )}
      </section>
    </div>
  );
}
