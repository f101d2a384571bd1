import type { Metadata } from 'next';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

export default function SignInPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Sign in</h1>
      <p className="text-stone-700">
        For editors and reviewers of the record. Accounts are created by an administrator.
      </p>
      <SignInForm />
    </div>
  );
}
