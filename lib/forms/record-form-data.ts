import { MAX_SOURCES } from '@/lib/validation/records';
import { CITATION_FIELDS } from './citation-fields';

/*
 * The fields of a record's form as the server actions read them (app/(editor)/editor/actions.ts).
 */

/**
 * A text field, its CR LF line breaks (as a browser sends a text area's) read as one character
 * each, as the form counts them and the record keeps them; at most 20,000 characters, twice what
 * any field holds: the schema refuses a longer one with its message.
 */
export const field = (formData: FormData, name: string) => wholeField(formData, name).slice(0, 20_000);

/** A field whole, for lists whose lines are checked one by one (a cut would fall inside a line, or drop one unsaid). */
const wholeField = (formData: FormData, name: string) => String(formData.get(name) ?? '').replace(/\r\n?/g, '\n');

/** A list field's lines, trimmed, blank ones left out. */
export const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * The names of a list of companies or organisations (an action's), one per line, each read by
 * `resolve` as one on record or a new one (new ones confirmed as others when `confirmField` is
 * ticked); one more than the 20 a list takes is read, so that too many is refused with a message.
 */
export async function namedParties<Party>(
  formData: FormData,
  name: string,
  confirmField: string,
  resolve: (name: string, confirmNew: boolean) => Promise<Party | null>,
): Promise<Party[]> {
  const confirmed = formData.get(confirmField) === 'on';
  const parties: (Party | null)[] = await Promise.all(
    lines(field(formData, name))
      .slice(0, 21)
      .map((line) => resolve(line, confirmed)),
  );
  return parties.filter((party): party is Party => party !== null);
}

/**
 * Sources typed as urls, citations without a url chosen (or carried along unchanged by an edit
 * form), and a new such citation when any of its fields is filled in (checked whole, with a
 * message for each part missing). One more than the limit is read, so that too many is refused
 * with a message, never cut silently; the field is read whole (thirty long addresses pass 20,000
 * characters).
 */
export const sources = (formData: FormData) => {
  const citation = Object.fromEntries(
    Object.entries(CITATION_FIELDS).map(([part, name]) => [part, field(formData, name)]),
  );
  return [
    ...lines(wholeField(formData, 'sources'))
      .slice(0, MAX_SOURCES + 1)
      .map((url) => ({ url })),
    ...formData
      .getAll('keptSourceIds')
      .slice(0, MAX_SOURCES + 1)
      .map((sourceId) => ({ sourceId: String(sourceId) })),
    ...(Object.values(citation).some((value) => value.trim()) ? [{ citation }] : []),
  ];
};

/**
 * The contracts a record concerns, one per line as their addresses on this site
 * (https://…/contracts/<id> or /contracts/<id>) or bare ids; one more than the limit is read, so
 * that too many is refused with a message.
 */
export const contractIds = (formData: FormData, name: 'contractIds' | 'contractId' = 'contractIds') =>
  lines(wholeField(formData, name))
    .slice(0, 11)
    .map((line) => /\/contracts\/([^/?#\s]+)\/?(?:[?#].*)?$/.exec(line)?.[1] ?? line);
