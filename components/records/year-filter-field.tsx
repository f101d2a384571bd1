import { problemAttributes } from '@/components/ui/filter-problems';
import { MAX_YEAR, MIN_YEAR } from '@/lib/validation/list-filters';

/** A list's year filter (from or to): a number within the years the record holds, typed on a phone's number pad. */
export function YearFilterField({
  name,
  label,
  value,
  className,
  describedBy,
  invalid,
}: {
  name: 'from' | 'to';
  label: string;
  value: string | number | undefined;
  className: string;
  describedBy?: string;
  /** Whether the address gave it a problem (components/ui/filter-problems.tsx). */
  invalid?: boolean;
}) {
  return (
    <label className="flex min-w-0 flex-col gap-1">
      <span className="text-stone-700">{label}</span>
      <input
        name={name}
        type="number"
        inputMode="numeric"
        min={MIN_YEAR}
        max={MAX_YEAR}
        defaultValue={value ?? ''}
        className={className}
        {...problemAttributes(invalid, describedBy)}
      />
    </label>
  );
}
