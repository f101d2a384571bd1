import { headers } from 'next/headers';
import { currentUser, signedInUser } from '@/lib/auth/session';
import { PATH_HEADER, signInAddress } from '@/lib/auth/return-to';
import { postback } from '@/lib/forms/postback';
import { DraftOwner } from '@/components/forms/draft-keeper';
import { SignOutForm } from '@/components/forms/sign-out-form';
import { SessionRenewal } from '@/components/forms/session-renewal';
import { signOutAction } from './editor/actions';

// Signed-in pages render per request. This check only spares people a dead end: every action
// and data function checks the session and the role again where the write happens.
export const instant = false;

export default async function EditorLayout({ children }: { children: React.ReactNode }) {
  const signedIn = await currentUser();
  if (!signedIn && !(await postback())) {
    // A session that ended (signed out elsewhere, disabled, a week old) with its cookie still sent:
    // the sign-in page, by a refresh the browser follows with or without the page's scripts (a
    // redirect here, the page having begun, would be one only a script could follow), and a link.
    const signIn = signInAddress((await headers()).get(PATH_HEADER));
    return (
      <div className="space-y-4">
        <meta httpEquiv="refresh" content={`0; url=${signIn}`} />
        <h1 className="text-3xl font-bold">Your session has ended</h1>
        <p>
          <a href={signIn}>Sign in again</a> to go on.
        </p>
      </div>
    );
  }
  // A form sent without the page's script after the session ended comes back with its answer
  // ("Sign in again in another tab …: what you typed is kept here") and what was typed, rather than being sent away
  // to sign in with all of it lost: the new-record forms, which show nothing that is not public to
  // someone signed out (lib/data/form-lookups.ts). Every other signed-in page asks for the user
  // itself and sends them to sign in (a 303 after a post, scripts/serve.ts).
  if (!signedIn) {
    return (
      <div className="space-y-6">
        <p className="rounded border border-amber-700 bg-amber-50 p-3 text-sm">
          You are signed out. <a href="/sign-in">Sign in</a> in another tab, then send this form again: what you typed
          is below.
        </p>
        {children}
      </div>
    );
  }
  const user = await signedInUser();
  return (
    <div className="space-y-6">
      <nav
        aria-label="Editing"
        className="flex flex-wrap items-center gap-4 rounded border border-stone-300 bg-white p-3 text-sm"
      >
        <span>
          Signed in as <strong>{user.name}</strong> ({user.role.toLowerCase()})
        </span>
        {/* Padded to a thumb's size: these are what a phone taps most. */}
        <a href="/editor" className="inline-block py-2">
          My work
        </a>
        {user.role !== 'EDITOR' && (
          <a href="/review" className="inline-block py-2">
            Review queue
          </a>
        )}
        {user.role === 'ADMIN' && (
          <a href="/admin" className="inline-block py-2">
            Administration
          </a>
        )}
        <a href="/editor/account" className="inline-block py-2">
          Your account
        </a>
        <SignOutForm action={signOutAction} owner={user.id} />
      </nav>
      <DraftOwner id={user.id}>{children}</DraftOwner>
      <SessionRenewal />
    </div>
  );
}
