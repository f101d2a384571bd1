import { problemAttributes } from '@/components/ui/filter-problems';

/** An agency or an organisation a list can be narrowed to: its address name, and how the menu names it. */
export interface BodyOption {
  slug: string;
  name: string;
  acronym: string | null;
}

/**
 * A list's menu of agencies or organisations ("Any agency", then each by name and acronym), its
 * value the address name. `unknown`: a value asked for that is not on record, kept as an option of
 * its own so that the form sends it again as typed (the list says it names nothing).
 */
export function BodyFilterField({
  name,
  label,
  any,
  value,
  options,
  className,
  unknown,
  invalid,
}: {
  name: string;
  label: string;
  /** The first option, for no filter: "Any agency". */
  any: string;
  value: string | undefined;
  options: BodyOption[];
  className: string;
  unknown?: string;
  /** Whether the address gave it a problem (components/ui/filter-problems.tsx). */
  invalid?: boolean;
}) {
  return (
    <label className="flex min-w-0 flex-col gap-1">
      <span className="text-stone-700">{label}</span>
      <select name={name} defaultValue={value ?? ''} className={className} {...problemAttributes(invalid)}>
        <option value="">{any}</option>
        {unknown !== undefined && <option value={unknown}>{unknown} (not on record)</option>}
        {options.map((option) => (
          <option key={option.slug} value={option.slug}>
            {option.name}
            {option.acronym ? ` (${option.acronym})` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
