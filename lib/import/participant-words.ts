/**
 * The data set gives one number of participants (`workers`) and rounds vague counts down
 * ("hundreds" -> 100, "dozens" -> 24, "more than 1,000" -> 1000 or 1001). Shown alone, such a
 * number reads as exact. These rules find the words the description uses for that same count, so
 * that the record keeps them beside the number.
 */

/** Vague counts, and the figures the data set writes for them. */
const VAGUE_COUNTS: { words: string; low: number; high: number }[] = [
  { words: 'hundreds of thousands', low: 100_000, high: 999_999 },
  { words: 'tens of thousands', low: 10_000, high: 99_999 },
  { words: 'thousands', low: 1_000, high: 9_999 },
  { words: 'several thousand', low: 1_000, high: 9_999 },
  { words: 'hundreds', low: 100, high: 999 },
  { words: 'several hundred', low: 100, high: 999 },
  { words: 'dozens', low: 24, high: 99 },
  { words: 'several dozen', low: 24, high: 99 },
  { words: 'handful', low: 2, high: 10 },
];

/**
 * Words that make a number a bound or an estimate, and whether the data set's figure is what it
 * writes for "<words> N": N itself, or N + 1 for "more than N" (and "around 600", id 501); for
 * "nearly N", N or a round figure a little below it ("nearly one hundred" is 90, id 88).
 */
const QUALIFIERS: { words: string[]; fits: (n: number, workers: number) => boolean; atMost?: true }[] = [
  { words: ['more than', 'over', 'at least', 'upwards of'], fits: (n, workers) => nOrNext(n, workers) },
  // The figure is a most, not a least: "up to 1000 protesters" may have been far fewer.
  { words: ['up to'], fits: (n, workers) => workers === n, atMost: true },
  { words: ['nearly', 'almost'], fits: (n, workers) => workers <= n && workers >= n * 0.9, atMost: true },
  { words: ['approximately', 'about', 'around', 'roughly', 'some'], fits: (n, workers) => nOrNext(n, workers) },
];

function nOrNext(n: number, workers: number): boolean {
  return workers === n || workers === n + 1;
}

/** Who the count is of: the people taking part, never money, days or cases. */
const PEOPLE =
  'workers|employees|staff|staffers|staff members|signatories|signatures|people|protesters|protestors|drivers|' +
  'riders|couriers|engineers|members|students|researchers|academics|shoppers|moderators|contractors|' +
  'individuals|googlers|developers|volunteers|writers|sellers|scientists|technologists|teamsters';

/** Numbers written out in words, as far as the data set's descriptions write them ("five thousand", "a dozen"). */
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const NUMBER = String.raw`(?:${Object.keys(NUMBER_WORDS).join('|')})\s+(?:hundred|thousand)|a\s+dozen|\d{1,3}(?:,\s?\d{3})+|\d+`;
const QUOTE = `["'“”‘’]?`;
// Up to five words between the count and the people ("Hundreds of Salesforce.com Inc. employees").
const BETWEEN = String.raw`(?:of\s+)?(?:[\w'’&.\-]+\s+){0,5}?`;

const QUALIFIED = new RegExp(
  String.raw`\b(${QUALIFIERS.flatMap((q) => q.words).join('|')})\s+(${NUMBER})${QUOTE}\s+${BETWEEN}(?:${PEOPLE})\b`,
  'gi',
);
// "200+ members": more than 200, which the data set writes as 200 or 201.
const PLUSSED = new RegExp(String.raw`\b(\d{1,3}(?:,\d{3})+|\d+)\+\s+${BETWEEN}(?:${PEOPLE})\b`, 'gi');
const VAGUE = new RegExp(
  String.raw`\b(${VAGUE_COUNTS.map((v) => v.words).join('|')})${QUOTE}\s+${BETWEEN}(?:${PEOPLE})\b`,
  'gi',
);

/**
 * The description's words for the count the data set gives, such as "Hundreds of Lexmark workers"
 * or "More than 1,000 IBM factory workers"; null when the description says nothing vague that
 * fits the number (an exact count, or words about other people).
 */
export function participantWords(description: string, workers: number | null): string | null {
  if (workers === null) return null;
  // A bound or estimate of the very number ("At least 700 workers") says more than a vague word
  // ("Hundreds of Lexmark workers") in the same description.
  const found =
    [...description.matchAll(QUALIFIED)].find((match) => fits(match, workers)) ??
    [...description.matchAll(PLUSSED)].find((match) => plusFits(match, workers)) ??
    [...description.matchAll(VAGUE)].find((match) => fits(match, workers));
  return found ? withoutQuoteMarks(found[0]) : null;
}

/**
 * The highest number the words participantWords found give, when they make the count a most, not
 * a least ("Nearly five thousand Google workers": 5,000; "Nearly one hundred Didi drivers": 100,
 * where the data set writes 90; "up to 1000 protesters": 1,000); null for any other words. The
 * record keeps it as at most that many, so that no "at least" sum counts it.
 */
export function wordsAtMost(words: string | null): number | null {
  if (words === null) return null;
  const lower = words.toLowerCase().replace(/\s+/g, ' ');
  const word = QUALIFIERS.flatMap((q) => (q.atMost ? q.words : [])).find((w) => lower.startsWith(`${w} `));
  if (!word) return null;
  const number = new RegExp(String.raw`^(?:${NUMBER})`, 'i').exec(lower.slice(word.length + 1));
  return number ? readNumber(number[0]) : null;
}

function fits(match: RegExpMatchArray, workers: number): boolean {
  const words = (match[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
  const vague = VAGUE_COUNTS.find((count) => count.words === words);
  if (vague) return workers >= vague.low && workers <= vague.high;
  const qualifier = QUALIFIERS.find((q) => q.words.includes(words));
  const n = readNumber(match[2] ?? '');
  return qualifier !== undefined && n !== null && qualifier.fits(n, workers);
}

function plusFits(match: RegExpMatchArray, workers: number): boolean {
  const n = readNumber(match[1] ?? '');
  return n !== null && nOrNext(n, workers);
}

function readNumber(text: string): number | null {
  const lower = text.toLowerCase().replace(/\s+/g, ' ');
  if (lower === 'a dozen') return 12;
  const [word, scale] = lower.split(' ');
  const multiple = word === undefined ? undefined : NUMBER_WORDS[word];
  if (multiple !== undefined && (scale === 'hundred' || scale === 'thousand'))
    return multiple * (scale === 'hundred' ? 100 : 1000);
  const n = Number(lower.replace(/[,\s]/g, ''));
  return Number.isInteger(n) ? n : null;
}

/** The phrase without the quotation marks the data set put around a word of it ("'Hundreds' of"). */
const withoutQuoteMarks = (phrase: string) => phrase.replace(/["“”‘]|'(?!\w)|’(?!\w)/g, '').replace(/\s+/g, ' ');
