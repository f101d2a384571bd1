import { NameCombobox } from '@/components/forms/name-combobox';
import { problemAttributes } from '@/components/ui/filter-problems';

/**
 * A list's company filter: a name as typed, with the companies on record offered as it is typed,
 * and the switch that adds its subsidiaries' records (`subsidiaries`: whether it is on).
 */
export function CompanyFilterField({
  id,
  value,
  subsidiaries,
  className,
  invalid = [],
}: {
  id: string;
  value?: string;
  subsidiaries: boolean;
  className: string;
  /** Its parameters the address gave a problem (company, subsidiaries: components/ui/filter-problems.tsx). */
  invalid?: readonly string[];
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor={id} className="text-stone-700">
          Company (a name, such as Salesforce)
        </label>
        <NameCombobox
          kind="companies"
          id={id}
          name="company"
          defaultValue={value ?? ''}
          className={className}
          maxLength={100}
          {...problemAttributes(invalid.includes('company'))}
        />
      </div>
      {/* A box a thumb can tick, as the forms' are. */}
      <label className="flex items-center gap-2 py-1">
        <input
          type="checkbox"
          name="subsidiaries"
          value="1"
          defaultChecked={subsidiaries}
          {...problemAttributes(invalid.includes('subsidiaries'))}
          className="h-5 w-5 shrink-0"
        />
        <span className="text-stone-700">Include the company’s subsidiaries</span>
      </label>
    </div>
  );
}
