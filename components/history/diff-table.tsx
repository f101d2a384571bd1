import type { DiffLine } from '@/lib/data/review';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { fieldLabel } from '@/lib/labels';
import { listDiff, wordDiff, type DiffPart } from '@/lib/word-diff';

/** A changed text this long (or of several lines) is shown as one text with its changes marked. */
const MARKED_FROM = 60;

// Removed words are struck through, added ones bold: each marked by more than its colour, which
// the palest tints (nearly the page's own) did not show at all. Never underlined: an underline on
// this site means a link.
const removedClass = 'bg-red-100 text-red-950 decoration-red-800';
const addedClass = 'bg-green-100 font-semibold text-green-950 no-underline';

/**
 * A change field by field: what a field was and what it became, in words. A line whose two sides
 * are the same (a whole version shown) reads plainly on both; one that changed is struck and
 * inserted; a long text that kept most of its words is shown once, its removed and added words
 * marked. Web addresses (a record's sources) are links, to be checked.
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
          {lines.map((line) => {
            const marked = markedText(line);
            return (
              <tr key={line.field} className="border-b border-stone-200 align-top">
                <th scope="row" className="py-2 pr-3 font-medium">
                  {fieldLabel(line.field)}
                </th>
                {marked ? (
                  <td colSpan={2} className="py-2 whitespace-pre-wrap break-words">
                    <span className="sr-only">
                      {beforeLabel} and {afterLabel.toLowerCase()} as one text, what changed marked:{' '}
                    </span>
                    <MarkedText parts={marked} />
                  </td>
                ) : (
                  <>
                    <td className="py-2 pr-3 whitespace-pre-wrap break-words text-stone-700">
                      {line.before === null ? (
                        <span className="italic">none</span>
                      ) : line.before === line.after ? (
                        <WithLinks text={line.before} />
                      ) : (
                        <del className={removedClass}>
                          <WithLinks text={line.before} />
                        </del>
                      )}
                    </td>
                    <td className="py-2 whitespace-pre-wrap break-words">
                      {line.after === null ? (
                        <span className="italic">none</span>
                      ) : line.before === line.after ? (
                        <WithLinks text={line.after} />
                      ) : (
                        <ins className={addedClass}>
                          <WithLinks text={line.after} />
                        </ins>
                      )}
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Fields that hold lists, one item per line: each item marked kept, removed or added (a source added among two kept). */
const LIST_FIELDS = new Set([
  'aliases',
  'companies',
  'organizations',
  'formSlugs',
  'issueSlugs',
  'tagSlugs',
  'employmentTypeSlugs',
  'contractIds',
  'sources',
]);

/** A long text changed in part, as one text; null for anything better read as before and after. */
function markedText({ field, before, after }: DiffLine): DiffPart[] | null {
  if (before === null || after === null || before === after) return null;
  if (LIST_FIELDS.has(field)) return listDiff(before, after);
  // Any other text with an address in it is read as before and after.
  if (URL_PATTERN.test(before) || URL_PATTERN.test(after)) return null;
  const long = Math.max(before.length, after.length) >= MARKED_FROM || /\n/.test(before + after);
  return long ? wordDiff(before, after) : null;
}

function MarkedText({ parts }: { parts: DiffPart[] }) {
  return parts.map((part, index) =>
    part.change === 'removed' ? (
      <del key={index} className={removedClass}>
        <span className="sr-only">[removed: </span>
        <WithLinks text={part.text} />
        <span className="sr-only">]</span>
      </del>
    ) : part.change === 'added' ? (
      <ins key={index} className={addedClass}>
        <span className="sr-only">[added: </span>
        <WithLinks text={part.text} />
        <span className="sr-only">]</span>
      </ins>
    ) : (
      <span key={index}>
        <WithLinks text={part.text} />
      </span>
    ),
  );
}

const URL_PATTERN = /https?:\/\/\S/;

/**
 * A text with its web addresses as links. Words wrap whole (a narrow column on a phone does not cut
 * "organization" in two); an address, one long word, wraps anywhere rather than widen the table.
 */
function WithLinks({ text }: { text: string }) {
  const pieces = text.split(/(https?:\/\/[^\s<>"]+)/);
  return pieces.map((piece, index) =>
    index % 2 === 1 ? (
      <a key={index} href={piece} rel="nofollow noreferrer" className="wrap-anywhere">
        {piece}
      </a>
    ) : (
      <LongWordsWrapped key={index} text={piece} />
    ),
  );
}

/** A word too long for any column (a heading pasted without spaces, a code), which alone wraps anywhere. */
const LONG_WORD = /(\S{30,})/;

function LongWordsWrapped({ text }: { text: string }) {
  return text.split(LONG_WORD).map((piece, index) =>
    index % 2 === 1 ? (
      <span key={index} className="wrap-anywhere">
        {piece}
      </span>
    ) : (
      piece
    ),
  );
}
