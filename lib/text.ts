/** NUL and unpaired surrogates: PostgreSQL's text and jsonb cannot hold them, so forms refuse them. */
export const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Bidirectional embedding, override and isolate controls (U+202A to U+202E, U+2066 to U+2069):
 * invisible, they make what follows them read backwards, in a name ("Zeta\u202Egnp.exe" shows as
 * "Zetaexe.png") and in the sentence a page writes it into. Forms refuse them; right-to-left letters
 * need none (the marks U+200E and U+200F, which reorder nothing around them, are kept).
 */
export const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Invisible characters that stand for nothing a reader sees, pasted along from web pages: the
 * zero-width space (U+200B), the word joiner (U+2060) and a byte-order mark inside the text
 * (U+FEFF). "Walk\u200Bout" reads "Walkout" but is not found by it, nor compared as it (a name on
 * record, a citation copied). The forms' text is kept without them (`withoutInvisibleSpaces`), as
 * it reads, rather than refused for what the editor cannot see: a record already holding one is
 * saved without it. (In Thai or Khmer a zero-width space marks where a line may break: the words
 * read the same without it.) The joiners some words and emoji need (U+200C, U+200D) are kept.
 */
export const INVISIBLE_SPACES = /[\u200B\u2060\uFEFF]/;
export const withoutInvisibleSpaces = (text: string) => text.replace(/[\u200B\u2060\uFEFF]/g, '');

/** Why typed text cannot be kept as it is, said for its field ("The reason"); null when it can. */
export function typedTextProblem(label: string, text: string): string | null {
  if (UNSTORABLE.test(text)) return `${label} cannot contain NUL bytes or broken characters.`;
  if (DIRECTION_CONTROLS.test(text))
    return `${label} cannot contain invisible text-direction controls (such as U+202E), which make text read backwards: write it without them.`;
  return null;
}

/** Lower case, accents removed: "Électricité" -> "electricite". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * The key a name is recognised by: folded, with everything but letters and digits removed, so
 * "Sales Force", "salesforce" and "SalesForce" are one name. "&" counts as "and".
 */
export function nameKey(name: string): string {
  return fold(name)
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A company's name without its legal form at its end: "SALESFORCE.COM, INC." -> "SALESFORCE",
 * "Amazon Web Services, LLC" -> "Amazon Web Services". The same forms, in the same way, as the SQL
 * function company_bare_key (migration 20261204054000_company_bare_key), which reads the names on
 * record so.
 */
export function withoutLegalForm(name: string): string {
  const form =
    /[\s,]+(inc|incorporated|llc|l\.l\.c|corp|corporation|co|company|ltd|limited|lp|llp|plc|gmbh|ag|sa|the)\.?$/i;
  let text = name.trim();
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text
      .replace(form, '')
      .replace(/\.com$/i, '')
      .trim();
  }
  return text;
}

/** Spaces collapsed and trimmed; underscores read as spaces ("whole_foods" -> "whole foods"). */
export function cleanLabel(text: string): string {
  return text.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Small words a name writes in lower case, but first ("Bank of America"). */
const NAME_SMALL_WORDS = new Set(['a', 'an', 'and', 'at', 'de', 'du', 'for', 'in', 'la', 'of', 'on', 'the', 'und']);

/**
 * A company's name as a page would write it, from a file that writes it in capitals with its legal
 * form ("PALANTIR USG, INC." -> "Palantir USG"): words of three letters or fewer stay capitals (they
 * are mostly acronyms: IBM, AWS), small words lower case, the others capitalised. A name with any
 * lower-case letter is written as it is, its legal form aside: someone wrote its case on purpose.
 */
export function companyNameFromFile(raw: string): string {
  const whole = cleanLabel(raw);
  // "McKinsey & Company" keeps its "Company": without it, the name would end in "&".
  const stripped = withoutLegalForm(whole);
  const bare = stripped && !/(?:&|\band)$/i.test(stripped) ? stripped : whole;
  if (/\p{Ll}/u.test(bare)) return bare;
  return bare
    .split(' ')
    .map((word, at) => {
      const lower = word.toLowerCase();
      if (NAME_SMALL_WORDS.has(lower)) return at > 0 ? lower : capitalize(lower);
      // Mostly acronyms, but for the legal forms a page writes in lower case ("Inc.", "Co.").
      const letters = word.replace(/[^\p{L}]/gu, '');
      if (letters.length <= 3 && !/^(?:inc|co|ltd|corp)$/i.test(letters)) return word;
      // After a hyphen or a slash a word starts again; after an apostrophe it goes on ("Moody's").
      return lower.replace(
        /(^|[-/(])(\p{L})/gu,
        (_match, before: string, letter: string) => before + letter.toUpperCase(),
      );
    })
    .join(' ');
}

/** "gimlet media" -> "Gimlet Media". */
export function titleCase(text: string): string {
  return cleanLabel(text).replace(
    /(^|[\s\-/])(\p{L})/gu,
    (_match, before: string, letter: string) => before + letter.toUpperCase(),
  );
}

/** The first sentence of a text, cut at a word boundary to at most `max` characters. */
export function summarize(text: string, max = 140): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  // A sentence ends at . ! or ? after a word of three or more letters (so not after "Inc." or
  // "U.S."), before a capital letter or the end.
  const end = /(?:[\p{Ll}\d]{3}|[)"'”])[.!?]["'”)]?(?=\s+["'“‘(]?\p{Lu}|$)/u.exec(clean);
  const sentence = end ? clean.slice(0, end.index + end[0].length) : clean;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

/** A statement's one line, "Salesforce: CEO Marc Benioff said …", without repeating the company when the summary starts with it. */
export function statementHeadline(companyName: string, summary: string, max = 120): string {
  const line = summarize(summary, max);
  return line.toLowerCase().startsWith(companyName.toLowerCase()) ? line : `${companyName}: ${line}`;
}

/** The text with its first letter in capitals: "employee actions" -> "Employee actions". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Pairs of quotation marks a quote may have been typed or pasted with. */
const QUOTE_PAIRS: [string, string][] = [
  ['"', '"'],
  ['“', '”'],
  ['„', '“'],
  ['«', '»'],
  ["'", "'"],
  ['‘', '’'],
];

/**
 * Whether the marks around a quote enclose the whole of it: not when a mark inside closes the one
 * that opens it and another quotation opens after (“No,” she said, “never.”); a closing mark alone
 * inside (inches: 15”) does not part it.
 */
function enclosesWhole(inner: string, open: string, close: string): boolean {
  let depth = 0;
  let closedFirst = false;
  for (const character of inner) {
    if (character === open) {
      if (closedFirst) return false;
      depth += 1;
    } else if (character === close) {
      if (depth === 0) closedFirst = true;
      else depth -= 1;
    }
  }
  return true;
}

/** A quotation without the quotation marks around the whole of it, which a page adds itself. */
export function withoutEnclosingQuotes(quote: string): string {
  const text = quote.trim();
  for (const [open, close] of QUOTE_PAIRS) {
    if (text.length <= 2 || !text.startsWith(open) || !text.endsWith(close)) continue;
    const inner = text.slice(open.length, -close.length);
    // Only when the marks enclose the whole quote, not when it opens and ends with two quotations
    // ("No," she said, "never."): marks alike both ways cannot nest, so any inside means two; a
    // pair of different marks encloses the whole when no mark inside closes it before the end
    // (“They called it “safe”.”).
    if (open === close ? !inner.includes(open) : enclosesWhole(inner, open, close)) return inner.trim();
  }
  return text;
}

/**
 * A quotation as a page puts it inside its own double marks: without the marks around the whole of
 * it, and with the double marks inside it made single, as a quotation within a quotation is
 * written (“They called it “safe”” reads “They called it ‘safe’”), and a quotation within that one
 * double again. Only “…” in pairs: a ” alone may be inches, and „…“ is another language's pair, left
 * as typed; so are straight marks (inches, code).
 */
export function quotedWithin(quote: string): string {
  const characters = [...withoutEnclosingQuotes(quote)];
  const open: number[] = [];
  for (const [index, character] of characters.entries()) {
    if (character === '“') open.push(index);
    else if (character === '”' && open.length > 0) {
      const opened = open.pop() as number;
      // Single marks inside the page's double ones, double inside those, and so on.
      if (open.length % 2 === 0) {
        characters[opened] = '‘';
        characters[index] = '’';
      }
    }
  }
  return characters.join('');
}

/** A count and its noun: "1 change", "1,204 changes". */
/** Whether a text names anything: a letter or a digit in it ("-" or "?" does not). */
export const hasLetterOrDigit = (text: string): boolean => /[\p{L}\p{N}]/u.test(text);

export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** Names joined as a sentence reads them: "Slack", "Slack and Tableau", "Twitch, Whole Foods Market and Zoox". */
export function namesList(names: string[]): string {
  return new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(names);
}

/** Names joined as alternatives: "“a”, “b” or “c”". */
export function eitherList(names: string[]): string {
  return new Intl.ListFormat('en-GB', { type: 'disjunction' }).format(names);
}

/**
 * Whether search words only leave things out ("-google", "-google -amazon"): then nothing is
 * matched, let alone ranked, and what is found is every record without them, newest first.
 * Read as websearch_to_tsquery reads them: a word or quoted phrase after "-" is left out, "or" joins.
 */
export function onlyExcludes(words: string): boolean {
  const kept = words
    .replace(/(^|\s)-(?:"[^"]*"?|\S+)/g, ' ')
    .split(/\s+/)
    .filter((word) => word && !/^or$/i.test(word) && hasLetterOrDigit(word));
  return kept.length === 0 && /(^|\s)-[\p{L}\p{N}"]/u.test(words);
}

/**
 * "Title." — a title that ends in its own stop (a question, a cut marked …, a quotation closed after
 * its stop) keeps it instead. Quotation marks inside it become single ones, so that where the title
 * ends stays plain.
 */
export const quotedTitle = (title: string) => {
  // A straight quotation mark opens at the start or after a space, a bracket or a dash, else it closes.
  const inner = title.replace(/\u201c|(?<=^|[\s([{\u2013\u2014-])"/gu, '\u2018').replace(/\u201d|"/g, '\u2019');
  return `\u201c${/[.?!\u2026]\u2019?$/.test(inner) ? inner : `${inner}.`}\u201d`;
};

/** The text as a LIKE pattern matching it literally (its wildcards and escapes escaped). */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * A Prisma filter for a text equal to this one whatever its case. Prisma writes a case-insensitive
 * equality as an ILIKE, which reads % and _ in the text as wildcards ("R%" would be RAICES): the
 * text goes as a pattern matching itself only.
 */
export function equalsIgnoringCase(text: string): { equals: string; mode: 'insensitive' } {
  return { equals: likeLiteral(text), mode: 'insensitive' };
}

/** Terms A to Z as a reader reads them ("Ableism" before "AI"), not capitals first as the database orders them. */
export const byLabel = (a: { label: string; slug: string }, b: { label: string; slug: string }) =>
  a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) || a.slug.localeCompare(b.slug);

/** The number of letters to change, add or take away to make one text the other (Levenshtein). */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, at) => at);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
