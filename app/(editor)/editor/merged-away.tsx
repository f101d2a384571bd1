import { notFound, redirect } from 'next/navigation';
import { mergedCompanyTarget } from '@/lib/data/admin';
import { mergedOrganizationTarget } from '@/lib/data/organizations';

/*
 * A correction asked for under a company or organisation merged away goes to the record it lives
 * on under, as its public address does, and that form says why.
 */

type MergeableKind = 'companies' | 'organizations';

const TARGET: Record<MergeableKind, (slug: string) => Promise<string | null>> = {
  companies: mergedCompanyTarget,
  organizations: mergedOrganizationTarget,
};
const SINGULAR: Record<MergeableKind, string> = { companies: 'company', organizations: 'organization' };

export const EDIT_SLUG = /^[a-z0-9-]{1,100}$/;

/**
 * For an address name with no record to correct: its survivor's form when it was merged (with the
 * `keep` parameters the form was asked with, such as a name to add), else 404.
 */
export async function followMergedAway(
  kind: MergeableKind,
  slug: string,
  keep: Record<string, string> = {},
): Promise<never> {
  const target = await TARGET[kind](slug);
  if (target) redirect(`/editor/${kind}/${target}?${new URLSearchParams({ merged: slug, ...keep })}`);
  notFound();
}

/** Says that the address name asked for (?merged=) was merged into this record, only when it was. */
export async function MergedNotice({
  kind,
  asked,
  slug,
  name,
}: {
  kind: MergeableKind;
  asked: string | string[] | undefined;
  slug: string;
  name: string | undefined;
}) {
  if (typeof asked !== 'string' || !EDIT_SLUG.test(asked) || (await TARGET[kind](asked)) !== slug) return null;
  return (
    <p role="status" className="rounded border border-amber-700 bg-amber-50 p-3 text-sm">
      The {SINGULAR[kind]} at /{kind}/{asked} was merged into {name}: a correction to it goes here.
    </p>
  );
}
