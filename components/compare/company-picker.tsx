'use client';

import { useRouter } from 'next/navigation';
import { NameCombobox } from '@/components/forms/name-combobox';
import { compareAddress, type ComparisonView } from '@/lib/compare-address';

/**
 * The compare page's "Add a company" box. Without JavaScript it is a plain form: Find adds the
 * company a name is on record as at once (app/compare/add/route.ts), and otherwise lists the
 * companies like it on the page itself. With it, the box offers those companies while the visitor
 * types, and choosing one adds it to the comparison; Find still works as before.
 */
export function CompanyPicker({
  view,
  defaultValue,
  full,
  limit,
  answeredBy,
}: {
  view: ComparisonView;
  defaultValue: string;
  /** The comparison already has as many companies as it can. */
  full: boolean;
  limit: number;
  /**
   * The id of what the page says of the name just looked for (the companies like it, or none): the
   * box has the focus again, described by it, to pick one or type the name otherwise.
   */
  answeredBy?: string;
}) {
  const router = useRouter();
  return (
    <form method="get" action="/compare/add" className="flex flex-wrap items-end gap-3 print:hidden">
      {view.companies.length > 0 && <input type="hidden" name="companies" value={view.companies.join(',')} />}
      {view.includeSubsidiaries && <input type="hidden" name="subsidiaries" value="1" />}
      {view.perYear && <input type="hidden" name="per" value="year" />}
      <div className="flex w-full max-w-sm flex-col gap-1">
        <label htmlFor="compare-add" className="text-stone-700">
          {full ? `Already ${limit} companies: remove one to add another` : 'Add a company'}
        </label>
        <NameCombobox
          kind="companies"
          id="compare-add"
          name="add"
          defaultValue={defaultValue}
          exclude={view.companies}
          excludedAs="already compared"
          onChoose={(company) => {
            router.push(compareAddress({ ...view, companies: [...view.companies, company.slug] }));
            return true;
          }}
          maxLength={100}
          autoFocus={Boolean(answeredBy)}
          aria-describedby={answeredBy}
          // Full, the box takes nothing more but keeps the focus (a company just chosen made it
          // full, and a disabled box would drop the focus to the page): its label says why.
          readOnly={full}
          aria-disabled={full || undefined}
          placeholder="A company’s name"
          className="w-full rounded border border-stone-500 bg-white px-3 py-2 aria-disabled:bg-stone-100"
        />
      </div>
      <button
        type="submit"
        disabled={full}
        className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-700 disabled:bg-stone-400"
      >
        Find
      </button>
    </form>
  );
}
