import type { Metadata } from 'next';
import { Confirmation } from '@/components/ui/confirmation';
import { githubSignIn } from '@/lib/auth/github';
import { contactEmail } from '@/lib/site';
import { returnPath } from '@/lib/auth/return-to';
import { githubSignInAction } from './actions';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

/** What Auth.js's redirects back to this page mean (`?error=…`), in words. */
const ERRORS: Record<string, string> = {
  AccessDenied:
    'That GitHub account has no Counterweight account, or it is disabled. An administrator creates accounts; the email of your GitHub account must be the one they used.',
  OAuthCallbackError: 'GitHub did not complete the sign-in. Please try again.',
  OAuthSignin: 'GitHub sign-in could not start. Please try again in a minute.',
  Configuration: 'Signing in is not possible right now. Please try again in a minute.',
};
const UNKNOWN_ERROR = 'The sign-in did not go through. Please try again.';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { error, next, changed } = await searchParams;
  const back = returnPath(next);
  // A code this page does not know (Auth.js's own error page sends `?error=undefined`) still says
  // the sign-in did not go through, without guessing why.
  // Its own codes only: ?error=constructor names what every object has, not a message.
  const message =
    typeof error === 'string' && error !== '' ? (Object.hasOwn(ERRORS, error) ? ERRORS[error] : UNKNOWN_ERROR) : null;
  const github = githubSignIn();
  const contact = contactEmail();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Sign in</h1>
      <p className="text-stone-700">
        For editors and reviewers of the record. Accounts are created by an administrator.
      </p>
      {message && (
        <p role="alert" className="max-w-sm rounded border border-red-800 bg-red-50 p-3 text-red-900">
          {message}
        </p>
      )}
      {changed === 'password' && (
        <Confirmation>
          Your password is changed, and every session of yours has ended: sign in with the new one.
        </Confirmation>
      )}
      {back && <p className="text-stone-700">After signing in you go back to the page you asked for.</p>}
      <SignInForm next={back} />
      {/* No email is sent from the record: a forgotten password is replaced by an administrator (/admin). */}
      <p className="max-w-sm text-sm text-stone-700">
        Forgotten your password? An administrator of the record sets a new one
        {contact ? (
          <>
            : write to <a href={`mailto:${contact}`}>{contact}</a>
          </>
        ) : (
          ''
        )}
        .
      </p>
      {github && (
        <form action={githubSignInAction} className="max-w-sm border-t border-stone-300 pt-4">
          {back && <input type="hidden" name="next" value={back} />}
          <button
            type="submit"
            className="w-full rounded border border-stone-800 bg-white px-4 py-2 hover:bg-stone-100"
          >
            Sign in with GitHub{github.enterprise ? ` (${new URL(github.baseUrl).host})` : ''}
          </button>
        </form>
      )}
    </div>
  );
}
