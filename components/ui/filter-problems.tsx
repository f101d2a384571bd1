/** What a list's address asks that the list cannot apply (lib/validation/list-filters.ts), and the way on (`children`). */
export function FilterProblems({
  problems,
  subject = 'the list',
  children,
}: {
  problems: { field: string; message: string }[];
  /** What cannot apply them: the list, a company's profile. */
  subject?: string;
  children: React.ReactNode;
}) {
  return (
    <div role="alert" className="space-y-2 rounded border border-red-800 bg-red-50 p-4 text-red-900">
      <p className="font-semibold">{`This address asks for filters ${subject} cannot apply:`}</p>
      <ul className="list-disc pl-6">
        {problems.map((problem) => (
          <li key={problem.field}>{problem.message}</li>
        ))}
      </ul>
      <p>{children}</p>
    </div>
  );
}
