/** Content wider than a phone (a table, a chart, an example): it scrolls sideways, and a keyboard can reach it to scroll it. */
export function ScrollRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
