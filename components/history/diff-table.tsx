import type { DiffLine } from '@/lib/data/review';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { fieldLabel } from '@/lib/labels';

/**
 * A change field by field: what a field was and what it became, in words. A line whose two sides
 * are the same (a whole version shown) reads plainly on both; one that changed is struck and inserted.
 */
export function DiffTable({
  lines,
  caption,
  beforeLabel,
  afterLabel,
}: {
  lines: DiffLine[];
  caption: string;
  beforeLabel: string;
  afterLabel: string;
}) {
  return (
    <ScrollRegion label={caption}>
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="py-2 pr-3">
              Field
            </th>
            <th scope="col" className="py-2 pr-3">
              {beforeLabel}
            </th>
            <th scope="col" className="py-2">
              {afterLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.field} className="border-b border-stone-200 align-top">
              <th scope="row" className="py-2 pr-3 font-medium">
                {fieldLabel(line.field)}
              </th>
              <td className="py-2 pr-3 whitespace-pre-wrap wrap-anywhere text-stone-700">
                {line.before === null ? (
                  <span className="italic">none</span>
                ) : line.before === line.after ? (
                  line.before
                ) : (
                  <del className="bg-red-50 decoration-red-800">{line.before}</del>
                )}
              </td>
              <td className="py-2 whitespace-pre-wrap wrap-anywhere">
                {line.after === null ? (
                  <span className="italic">none</span>
                ) : line.before === line.after ? (
                  line.after
                ) : (
                  // Marked by colour, not underlined: an underline on this site means a link.
                  <ins className="bg-green-50 no-underline">{line.after}</ins>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
