import type { Metadata } from 'next';
import { UsaspendingUpload } from '@/components/editor/usaspending-upload';
import { WaitingRecipients } from '@/components/editor/waiting-recipients';
import { waitingRecipients } from '@/lib/data/usaspending-upload';
import { RoleRequired } from '@/components/editor/role-required';
import { hasRole, signedInUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Import contracts from USAspending', robots: { index: false } };

export default async function ImportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await signedInUser();
  if (!hasRole(user, 'REVIEWER')) return <RoleRequired title="Import contracts" who="reviewers" />;
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Import contracts from USAspending</h1>
      <p className="max-w-3xl text-stone-700">
        Recipients are matched to companies by their name or another name on record, or else by their parent&rsquo;s
        name, never guessed otherwise; agencies are created with their hierarchy; a contract imported before is updated,
        never duplicated. A wrong or damaged file is refused whole, with the line and column of each problem.
      </p>
      {/* proxy.ts sends a post too large to upload here (lib/upload-limit.ts). */}
      <UsaspendingUpload refused={(await searchParams).refused === 'too-large'} />
      <WaitingRecipients {...await waitingRecipients(user)} />
    </div>
  );
}
