/** The list of problems, which the fields they are about are described by (`problemAttributes`). */
export const FILTER_PROBLEMS_ID = 'filter-problems';

/**
 * A filter field's marks when the address gave it a problem: invalid, and described by the
 * problems (after its own description, `describedBy`, if it has one); otherwise its description alone.
 */
export function problemAttributes(
  invalid: boolean | undefined,
  describedBy?: string,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  if (!invalid) return describedBy ? { 'aria-describedby': describedBy } : {};
  return { 'aria-invalid': true, 'aria-describedby': [describedBy, FILTER_PROBLEMS_ID].filter(Boolean).join(' ') };
}

/**
 * What a list's address asks that the list cannot apply (lib/validation/list-filters.ts), and the
 * way on (`children`). `results`: the box is where the filter form's submission lands (#results,
 * the list's count otherwise), so that the focus goes to it and not back to the top of the page.
 */
export function FilterProblems({
  problems,
  subject = 'the list',
  results = false,
  children,
}: {
  problems: { field: string; message: string }[];
  /** What cannot apply them: the list, a company's profile. */
  subject?: string;
  results?: boolean;
  children: React.ReactNode;
}) {
  return (
    <div
      role="alert"
      {...(results && { id: 'results', tabIndex: -1 })}
      className="scroll-mt-4 space-y-2 rounded border border-red-800 bg-red-50 p-4 text-red-900"
    >
      <p className="font-semibold">{`This address asks for filters ${subject} cannot apply:`}</p>
      <ul id={FILTER_PROBLEMS_ID} className="list-disc pl-6">
        {problems.map((problem) => (
          <li key={problem.field}>{problem.message}</li>
        ))}
      </ul>
      <p>{children}</p>
    </div>
  );
}
