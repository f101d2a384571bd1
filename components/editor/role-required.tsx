/**
 * A signed-in page whose role the person lacks: says so, and leads back to their own work. Its
 * `data-http-status` makes the server send it with 403 (lib/page-status.ts).
 */
export function RoleRequired({ title, who }: { title: string; who: 'reviewers' | 'administrators' }) {
  return (
    <div className="space-y-3" data-http-status="403">
      <h1 className="text-3xl font-bold">{title}</h1>
      <p role="alert" className="rounded border border-amber-700 bg-amber-50 p-3 text-stone-900">
        {`Only ${who === 'reviewers' ? 'reviewers and administrators' : 'administrators'} can open this page, and your account does not have that role. `}
        <a href="/editor">Go back to your work</a>.
      </p>
    </div>
  );
}
