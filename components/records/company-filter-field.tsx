import { NameCombobox } from '@/components/forms/name-combobox';

/** A list's company filter: a name as typed, with the companies on record offered as it is typed. */
export function CompanyFilterField({ id, value, className }: { id: string; value?: string; className: string }) {
  return (
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
      />
    </div>
  );
}
