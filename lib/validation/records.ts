import { z } from 'zod';
import { beforeAsKnown, formatPreciseDate, parsePreciseDate, parseWrittenDate, writtenDateIso } from '../dates';
import { normalizeSourceUrl } from '../urls';
import { knownCountry } from '../labels';
import { MAX_YEAR, MIN_YEAR } from './list-filters';
import { UNSTORABLE, capitalize, nameKey, typedTextProblem, withoutInvisibleSpaces } from '../text';
import { placeLabel } from '../import/places';

/*
 * One schema per editors' form, shared by the form (field names, limits) and the server (the
 * real check). Every message is written for the person filling the form.
 */

export { UNSTORABLE };
/** A refinement: storable, and without what would make it read backwards (lib/text.ts). */
export const typedText = (label: string) =>
  [
    (value: string) => typedTextProblem(label, value) === null,
    { error: (issue: { input: unknown }) => typedTextProblem(label, String(issue.input)) ?? undefined },
  ] as const;

// Kept as it reads: without the invisible spaces pasted along with it (lib/text.ts), and trimmed.
const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .overwrite(withoutInvisibleSpaces)
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max.toLocaleString('en-US')} characters.`)
    .refine(...typedText(label));
/** A name, or another name: one line (lists of names hold one per line, and so do the exports' cells). */
const oneLineText = (label: string, max: number) =>
  text(label, max).refine((value) => !/[\r\n\u0085\u2028\u2029]/.test(value), `${label} must be on one line.`);
const optionalText = (label: string, max: number) =>
  z
    .string()
    .overwrite(withoutInvisibleSpaces)
    .trim()
    .max(max, `${label} must be at most ${max.toLocaleString('en-US')} characters.`)
    .refine(...typedText(label))
    .transform((value) => value || null)
    .nullable()
    .optional()
    .transform((value) => value ?? null);

/**
 * A company's, organisation's or agency's name: one with no letter or digit (of any script, so
 * "日本電気" is a name) has no key to be found or told apart by ("***" and "???" would both be
 * published as /companies/unnamed, and no form or search could name them).
 */
const nameText = (label: string) =>
  // An empty one is said to be missing, and only that.
  oneLineText(label, 200).refine(
    (value) => value === '' || nameKey(value) !== '',
    `${label} must contain a letter or a digit.`,
  );

export const CUID = /^[a-z0-9]{20,40}$/;

/** A count of participants, either end of a range. */
const NOT_A_COUNT = 'Participants must be a whole number, such as 650 (a range: its low end, then its high end).';
/** Digits, grouped by commas or not ("1,200"), with a sign: a count as people write one. */
const COUNT_TEXT = /^-?(?:\d+|\d{1,3}(?:,\d{3})+)$/;
const participantsInput = z
  .preprocess(
    // Only a number written as digits: "1.000", "1e3", "0x10", "200+" are not read as one.
    (value) =>
      typeof value !== 'string'
        ? value
        : value.trim() === ''
          ? null
          : COUNT_TEXT.test(value.trim())
            ? Number(value.trim().replace(/,/g, ''))
            : value,
    z
      .number({ error: NOT_A_COUNT })
      // Said first and alone: 99999999999999999999 is too many, not "not a whole number".
      .max(10_000_000, { error: 'Participants cannot be more than 10,000,000.', abort: true })
      .int(NOT_A_COUNT)
      .min(0, 'Participants cannot be negative.')
      .nullable(),
  )
  .default(null);

/**
 * A check across fields that runs even when other fields of the form failed, as long as its own
 * parsed, so that one refusal names every problem (Zod skips an object's refinements otherwise).
 */
const onceParsed = (...fields: string[]) => ({
  when: (payload: z.core.ParsePayload) =>
    typeof payload.value === 'object' &&
    payload.value !== null &&
    !payload.issues.some((issue) => !issue.path?.length || fields.includes(String(issue.path[0]))),
});

/**
 * A date as the sources give it: 2018-06-25, 2018-06 or 2018, or as they print it (19 July 2018,
 * July 19, 2018, July 2018); never in the future.
 */
export const preciseDateInput = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .transform((value, context) => {
      // The record starts in 1900, as the lists' years do: 0219 is a slip for 2019, not a date. Said
      // of the year as typed, before the calendar is asked (which reads 0019-05-14 as no day at all).
      const year = /^(\d{4})(?:[-/]\d{2}(?:[-/]\d{2})?)?$/.exec(value)?.[1];
      if (year && Number(year) < MIN_YEAR) {
        context.addIssue({ code: 'custom', message: `${label}: the year must be ${MIN_YEAR} or later (check it).` });
        return z.NEVER;
      }
      const parsed = parsePreciseDate(value) ?? parseWrittenDate(value);
      if (!parsed) {
        const message =
          value === ''
            ? `${label} is required: write it as 2018-06-25, 2018-06 or 2018 (as precisely as the sources give it).`
            : /^\d{4}[-/]\d{2}(?:[-/]\d{2})?$/.test(value) || writtenDateIso(value)
              ? `${label}: ${value} is not on the calendar (check the month and the day).`
              : `${label}: write a date as 2018-06-25, 2018-06 or 2018 (or 25 June 2018, June 2018).`;
        context.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      if (parsed.date.getTime() > Date.now()) {
        context.addIssue({ code: 'custom', message: `${label} cannot be in the future.` });
        return z.NEVER;
      }
      // A year written with its month by name ("4 July 1850"), checked as the typed ones above.
      if (parsed.date.getUTCFullYear() < MIN_YEAR) {
        context.addIssue({ code: 'custom', message: `${label}: the year must be ${MIN_YEAR} or later (check it).` });
        return z.NEVER;
      }
      return { date: parsed.date.toISOString().slice(0, 10), precision: parsed.precision };
    });

/**
 * A calendar day, as a contract's period of performance gives it ("2019-03-14", "14 March 2019"):
 * the day itself (the period has no precision of its own), in the years the record holds, and in
 * the future too (a contract runs to its end). Returns the ISO day.
 */
export const calendarDayInput = (label: string) =>
  z
    .string()
    .trim()
    .transform((value, context) => {
      const parsed = parsePreciseDate(value) ?? parseWrittenDate(value);
      const year = parsed?.date.getUTCFullYear() ?? Number(/^(\d{4})/.exec(value)?.[1]);
      if (Number.isFinite(year) && (year < MIN_YEAR || year > MAX_YEAR)) {
        context.addIssue({
          code: 'custom',
          message: `${label}: the year must be from ${MIN_YEAR} to ${MAX_YEAR} (check it).`,
        });
        return z.NEVER;
      }
      if (!parsed) {
        const message =
          /^\d{4}[-/]\d{2}[-/]\d{2}$/.test(value) || writtenDateIso(value)
            ? `${label}: ${value} is not on the calendar (check the month and the day).`
            : `${label}: write the day as 2019-03-14 (or 14 March 2019).`;
        context.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      if (parsed.precision !== 'DAY') {
        context.addIssue({
          code: 'custom',
          message: `${label}: give the day, as 2019-03-14 (a period of performance is dated to the day); leave it empty if the sources do not give it.`,
        });
        return z.NEVER;
      }
      return parsed.date.toISOString().slice(0, 10);
    });

/**
 * Money as typed ("250000", "250,000.50", "250 000"): exact, non-negative, at most 16 digits before
 * the point. A comma only between thousands: "2,50", two euros fifty where it is written so, would
 * otherwise be read as 250, and "1,5" as 15.
 */
export const amountInput = z
  .string()
  .trim()
  .transform((value, context) => {
    const compact = value.replace(/\s/g, '');
    if (compact === '') return null;
    // (No grouping starts with 0: "0,500" is a half, not five hundred.)
    const amount = /^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/.test(compact) ? compact.replace(/,/g, '') : compact;
    const [, whole = '', cents = ''] = /^(\d+)(?:\.(\d+))?$/.exec(amount) ?? [];
    // Each way an amount can be wrong has its own message: a number too long is not "not a number".
    const problem = !whole
      ? /\p{Sc}/u.test(amount)
        ? 'Write the amount without its currency sign, such as 250000 or 250000.50: its code goes in the Currency field (USD).'
        : /^[\d.]*,[\d,.]*$/.test(amount)
          ? 'Write the cents after a point, such as 2.50, and a comma only between thousands, such as 250,000.'
          : 'Write the amount as a positive number such as 250000 or 250000.50.'
      : whole.replace(/^0+(?=\d)/, '').length > 16
        ? 'The amount is too large: at most 16 digits before the point.'
        : cents.length > 2
          ? 'Give the amount to the cent: at most two digits after the point.'
          : null;
    if (!problem) return amount;
    context.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  });

/** An amount as amountInput reads it ("250000.5"), in cents, exactly: 16 digits are past a float's. */
const inCents = (amount: string): bigint => {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole + fraction.padEnd(2, '0'));
};

/** The ISO 4217 codes the runtime knows (USD, EUR, GBP, …). */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * An amount given more finely than its currency is counted (yen and won have no cents): what to
 * write instead, or null. An amount or a code the form refuses anyway is not judged.
 */
export function finerThanCurrency(amount: unknown, currency: unknown): string | null {
  if (typeof amount !== 'string' || typeof currency !== 'string' || !CURRENCIES.has(currency)) return null;
  const { maximumFractionDigits: digits = 2 } = new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
  }).resolvedOptions();
  const fraction = amount.split('.')[1]?.replace(/0+$/, '') ?? '';
  if (fraction.length <= digits) return null;
  const name = new Intl.DisplayNames('en', { type: 'currency' }).of(currency) ?? currency;
  return digits === 0
    ? `The ${name} (${currency}) has no smaller unit: give the amount as a whole number.`
    : `The ${name} (${currency}) is counted to ${digits === 1 ? 'one digit' : `${digits} digits`} after the point.`;
}

export const currencyInput = z
  .string()
  .trim()
  .toUpperCase()
  // One message for one mistake: a text that is no code at all is not also said to be no currency.
  .regex(/^[A-Z]{3}$/, { error: 'Use a three-letter currency code such as USD.', abort: true })
  .refine((code) => CURRENCIES.has(code), {
    error: (issue) => `${String(issue.input)} is not a currency code: use one such as USD, EUR or GBP.`,
  })
  .default('USD');

/**
 * A contract named by its id (the form reads one from its address), the line said when it names
 * none; a list of them (`several`) is written one a line.
 */
const contractIdInput = (several: boolean) =>
  z.string().regex(CUID, {
    error: (issue) => {
      const typed = String(issue.input);
      return `“${typed.length > 60 ? `${typed.slice(0, 60)}…` : typed}” is no contract on record: give a contract’s address on this site${several ? ', one a line' : ''}.`;
    },
  });

/**
 * The contracts a record concerns, each once: one given twice (by its address and by its id, or
 * pasted twice) is one, as the reviewer's diff reads it.
 */
const contractIdsInput = z
  .array(contractIdInput(true))
  .max(10, 'Name at most 10 contracts.')
  .transform((ids) => [...new Set(ids)])
  .default([]);

/** A site's name, its address without the scheme ("dhs.gov", "www.dhs.gov/ice"), then a path or not. */
const SITE_NAME = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:[/?#]\S*)?$/i;

/**
 * A source's address as written on paper, without its https:// ("www.example.com/news/walkout",
 * "example.gov/report"), as its https address; any other text as it is. Only with "www." or a path:
 * a file's name ("report.pdf") or an abbreviation ("U.S.Army") is no address.
 */
function asSourceAddress(value: string): string {
  return SITE_NAME.test(value) && (/^www\./i.test(value) || /^[^/?#]+[/?#]/.test(value)) ? `https://${value}` : value;
}

/**
 * A part of a citation: its spaces collapsed (" Audit  Press " is the stored "Audit Press", cited
 * again, not added twice), and a letter or digit in it (invisible characters alone name nothing).
 */
const citationPart = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    // Its invisible spaces taken out first: a byte-order mark is a space to \s, and would split a word.
    .transform((value) => withoutInvisibleSpaces(value).replace(/\s+/g, ' ').trim())
    .pipe(
      text(label, max).refine(
        (value) => value === '' || /[\p{L}\p{N}]/u.test(value),
        `${label} must have a letter or a digit in it.`,
      ),
    );

/**
 * A citation without a web address (a printed report, a letter a newspaper quoted): allowed only
 * whole, with its publisher, title and date (the record's rule, and a CHECK in the database). Its
 * form fields are named `citation` and the part, as `fieldErrors` gives its messages back.
 */
export const citationInput = z.object({
  publisher: citationPart('The citation’s publisher', 200),
  title: citationPart('The citation’s heading', 500),
  date: preciseDateInput('The citation’s publication date'),
});
export type CitationInput = z.infer<typeof citationInput>;

/** A source: one already stored (by id), a url (normalised; only http and https), or a citation without one. */
export const sourceInput = z.union(
  [
    z.object({ sourceId: z.string().regex(CUID, 'That source does not exist.') }),
    z.object({
      url: z
        .string()
        .trim()
        .transform((value, context) => {
          const result = normalizeSourceUrl(asSourceAddress(value));
          if (!result.ok) {
            // Says which line of the sources, as typed.
            const typed = value.length > 80 ? `${value.slice(0, 80)}…` : value;
            context.addIssue({ code: 'custom', message: `Source “${typed}”: ${result.reason}.` });
            return z.NEVER;
          }
          return result.url;
        }),
    }),
    z.object({ citation: citationInput }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? shapeMessage(issue, ['sourceId', 'url', 'citation'], 'Give each source as a web address.')
        : undefined,
  },
);
export type SourceInput = z.infer<typeof sourceInput>;

/** Sources one record may cite: the imported data set's most cited action has 19. */
export const MAX_SOURCES = 30;

const TOO_MANY_SOURCES = `At most ${MAX_SOURCES} sources per record.`;

export const sourcesInput = z
  .array(sourceInput)
  .min(1, 'Add at least one source (a web address, or a citation without one): nothing is published without one.')
  // Room for a page pasted a few times over; the limit itself is on the distinct sources, below.
  .max(MAX_SOURCES * 4, TOO_MANY_SOURCES)
  // A source given twice (pasted again, or chosen and pasted) is one source: the proposal shows it once.
  // Addresses that differ only by http or https and www are one page, as saving finds them (sameDocumentUrls).
  .transform((sources) => {
    const keyOf = (source: SourceInput) =>
      'sourceId' in source
        ? `id:${source.sourceId}`
        : 'citation' in source
          ? `citation:${JSON.stringify(source.citation).toLowerCase()}`
          : `url:${source.url.replace(/^https?:\/\/(?:www\.)?/, '')}`;
    return sources.filter((source, at) => sources.findIndex((other) => keyOf(other) === keyOf(source)) === at);
  })
  .refine((sources) => sources.length <= MAX_SOURCES, TOO_MANY_SOURCES);

/**
 * The message of a union of object shapes that failed: that of the alternative whose `keys` the
 * input has (its first issue), so a bad url says what is wrong with it rather than "Invalid input".
 */
function shapeMessage(
  issue: { input?: unknown; errors: readonly (readonly { message: string }[])[] },
  keys: readonly string[],
  missing: string,
): string {
  const input = issue.input;
  if (input === null || input === undefined || typeof input !== 'object') return missing;
  const alternative = keys.findIndex((key) => key in input);
  return (alternative >= 0 ? issue.errors[alternative]?.[0]?.message : undefined) ?? missing;
}

/**
 * A company or organisation named in a form: an existing one (by id), or a new one to create with
 * the record. `what` names it in messages ("company").
 */
export const partyInput = (what: 'company' | 'organization') =>
  z.union(
    [
      z.object({ id: z.string().regex(CUID, `Choose a ${what} from the list.`) }),
      z.object({ newName: nameText(`The ${what}’s name`), confirmNew: z.boolean().default(false) }),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union' ? shapeMessage(issue, ['id', 'newName'], `Name the ${what}.`) : undefined,
    },
  );

/**
 * Each company of a list once: two spellings that name the same one on record ("Sales Force" and
 * "salesforce.com"), or one new name written twice, are one company, as the record keeps them.
 */
function eachPartyOnce<Party extends { id: string } | { newName: string }>(parties: Party[]): Party[] {
  const seen = new Set<string>();
  return parties.filter((party) => {
    const key = 'id' in party ? `id:${party.id}` : `new:${nameKey(party.newName) || party.newName}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const DONATION_RESPONSES = ['REJECTED', 'RETURNED', 'ACCEPTED', 'REDIRECTED', 'DONATED'] as const;

export const donationResponseSchema = z
  .object({
    company: partyInput('company'),
    organization: partyInput('organization').nullable(),
    // In the form's order, which the list of problems follows.
    response: z.enum(DONATION_RESPONSES, { error: 'Choose what happened to the donation.' }),
    date: preciseDateInput('The date'),
    // A contract may obligate nothing (yet); a donation of nothing is none.
    amount: amountInput.refine(
      (amount) => typeof amount !== 'string' || /[1-9]/.test(amount),
      'A donation is of more than nothing: give its amount, or leave it empty and tick “The amount was not disclosed”.',
    ),
    currency: currencyInput,
    amountUndisclosed: z.boolean().default(false),
    reason: optionalText('The stated reason', 2000),
    quote: optionalText('The quote', 2000),
    quoteAttribution: optionalText('Who said it', 200),
    contractIds: contractIdsInput,
    sources: sourcesInput,
  })
  // Each check apart, so that an amount written wrong does not hold back the quote's.
  .superRefine(
    (value, context) => {
      if (!value.amountUndisclosed && !value.amount) {
        context.addIssue({
          code: 'custom',
          path: ['amount'],
          message: 'Give the amount, or tick "amount not disclosed".',
        });
      }
    },
    onceParsed('amount', 'amountUndisclosed'),
  )
  .superRefine(
    (value, context) => {
      if (value.quote && !value.quoteAttribution) {
        context.addIssue({ code: 'custom', path: ['quoteAttribution'], message: 'Say who said it.' });
      }
    },
    onceParsed('quote', 'quoteAttribution'),
  )
  // An amount given beside "not disclosed" is said at once, even one written wrong (its own
  // message stands beside this one), so that putting the amount right is not met by another refusal.
  .superRefine((value, context) => {
    if (value.amountUndisclosed && value.amount) {
      context.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'Leave the amount empty when it was not disclosed.',
      });
    }
  }, onceParsed('amountUndisclosed'))
  .superRefine(
    (value, context) => {
      const problem = finerThanCurrency(value.amount, value.currency);
      if (problem) context.addIssue({ code: 'custom', path: ['amount'], message: problem });
    },
    onceParsed('amount', 'currency'),
  );
export type DonationResponseInput = z.infer<typeof donationResponseSchema>;

export const ACTION_OUTCOMES = ['PENDING', 'MET', 'PARTLY_MET', 'NOT_MET', 'UNKNOWN'] as const;

export const employeeActionSchema = z
  .object({
    title: text('The title', 300),
    description: text('The description', 10_000),
    date: preciseDateInput('The start date'),
    companies: z
      .array(partyInput('company'))
      .min(1, 'Name at least one company.')
      .max(20, 'Name at most 20 companies.')
      .transform(eachPartyOnce),
    /** The organisations that took part (a union, a coalition): on record, or new ones added with the action. */
    organizations: z
      .array(partyInput('organization'))
      .max(20, 'Name at most 20 organizations.')
      .transform(eachPartyOnce)
      .default([]),
    formSlugs: z
      .array(z.string().regex(/^[a-z0-9-]{1,80}$/, 'Choose forms from the list.'))
      .min(1, 'Choose at least one form of action.')
      .max(10, 'Choose at most 10 forms of action.'),
    issueSlugs: z
      .array(z.string().regex(/^[a-z0-9-]{1,80}$/, 'Choose issues from the list.'))
      .max(10, 'Choose at most 10 issues.')
      .default([]),
    /**
     * Its tags and the kinds of workers who took part. Left out (a change sent before the form
     * offered them), the record's stay as they are; an empty list takes them all away.
     */
    tagSlugs: z
      .array(z.string().regex(/^[a-z0-9-]{1,80}$/, 'Choose tags from the list.'))
      .max(20, 'Choose at most 20 tags.')
      .optional(),
    employmentTypeSlugs: z
      .array(z.string().regex(/^[a-z0-9-]{1,80}$/, 'Choose employment types from the list.'))
      .max(10, 'Choose at most 10 employment types.')
      .optional(),
    /**
     * Where it took place, a place a line as typed ("Seattle, Washington, USA"), each once. Left out
     * (a change sent before the form offered them, 7 December), the record's stay as they are.
     */
    places: z
      .array(text('A place', 200).transform(placeLabel))
      .max(20, 'Name at most 20 places.')
      .transform((places) =>
        places.filter(
          (place, index) => places.findIndex((other) => other.toLowerCase() === place.toLowerCase()) === index,
        ),
      )
      .optional(),
    participantsMin: participantsInput,
    participantsMax: participantsInput,
    participantsText: optionalText('The source’s words', 200),
    demands: optionalText('The demands', 2000),
    outcome: z.enum(ACTION_OUTCOMES, { error: 'Choose the outcome from the list.' }).default('UNKNOWN'),
    outcomeNote: optionalText('The note on the outcome', 2000),
    contractIds: contractIdsInput,
    sources: sourcesInput,
  })
  .superRefine(
    (value, context) => {
      if (
        value.participantsMin !== null &&
        value.participantsMax !== null &&
        value.participantsMin > value.participantsMax
      ) {
        context.addIssue({
          code: 'custom',
          path: ['participantsMax'],
          message: 'The high end cannot be below the low end.',
        });
      }
    },
    onceParsed('participantsMin', 'participantsMax'),
  )
  // A number without a high end is exact, and kept so (both ends equal): the proposal says what
  // publishing it stores, so that the reviewer's diff shows no change where there is none.
  .overwrite((value) => ({ ...value, participantsMax: value.participantsMax ?? value.participantsMin }));
export type EmployeeActionInput = z.infer<typeof employeeActionSchema>;

/** A two-letter country code (ISO 3166-1 alpha-2), or nothing when `optional`. UK, as many write it, is GB. */
const countryInput = (optional: boolean) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .transform((value) => (value === 'UK' ? 'GB' : value || null))
    .refine(
      (value) => (value === null ? optional : knownCountry(value) !== undefined),
      optional
        ? 'Use the two-letter code of a country, such as US.'
        : 'Give the two-letter code of a country, such as US.',
    );

/**
 * A website: empty, or an http(s) address (normalised like a source). A site's name as written on
 * paper ("www.defense.gouv.fr", "dhs.gov/ice") is read as its https address, as a source's is.
 */
const websiteInput = z
  .string()
  .trim()
  .transform((value, context) => {
    if (!value) return null;
    // One address: the sources' advice for a space (one address a line) is not for this field.
    const result = /\s/.test(value)
      ? { ok: false as const, reason: 'it holds a space, which a web address cannot' }
      : normalizeSourceUrl(SITE_NAME.test(value) ? `https://${value}` : value);
    if (!result.ok) {
      context.addIssue({ code: 'custom', message: `Website: ${result.reason}.` });
      return z.NEVER;
    }
    return result.url;
  });

export const companySchema = z.object({
  name: nameText('The name'),
  /** Set when the editor confirmed that a name like an existing one is a different company. */
  confirmNew: z.boolean().default(false),
  sector: optionalText('The sector', 100),
  hqCountry: countryInput(true),
  website: websiteInput,
  // As exchanges write it: "crm" is CRM.
  ticker: optionalText('The ticker', 12).transform((ticker) => ticker?.toUpperCase() ?? null),
  description: optionalText('The description', 2000),
  /**
   * Other names to recognise the company by from now on (forms, imports, filters): how sources or a
   * USAspending file write it ("SALESFORCE, INC."). Names already known are kept; none is removed.
   */
  aliases: z.array(oneLineText('Another name', 200)).max(20, 'At most 20 names at a time.').default([]),
  /**
   * The company it is part of (Alphabet for Google), on record; null for none. Left out (a version
   * restored from before companies' forms gave it): the parent stays as it is.
   */
  parent: partyInput('company').nullable().optional(),
  sources: sourcesInput,
});
export type CompanyInput = z.infer<typeof companySchema>;

/** Field errors keyed by the form's field names ("sources", "company", "amount"). */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    // A new citation's parts are fields of their own (citationPublisher, citationTitle, citationDate),
    // each given its problems: a source's union names only the first otherwise.
    const ofCitation =
      issue.code === 'invalid_union' && issue.path[0] === 'sources'
        ? issue.errors.flat().filter((inner) => inner.path[0] === 'citation' && typeof inner.path[1] === 'string')
        : [];
    for (const inner of ofCitation) (errors[`citation${capitalize(String(inner.path[1]))}`] ??= []).push(inner.message);
    if (ofCitation.length) continue;
    // The same, when the citation is the only shape its source could be and Zod names its part directly.
    const [first, , inner, part] = issue.path;
    const field =
      first === 'sources' && inner === 'citation' && typeof part === 'string'
        ? `citation${capitalize(part)}`
        : String(first ?? 'form');
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

export const CONTRACT_STATUSES = ['ACTIVE', 'COMPLETED', 'CANCELLED', 'NOT_RENEWED', 'UNKNOWN'] as const;

export const contractSchema = z
  .object({
    company: partyInput('company'),
    agencyId: z.string().regex(CUID, 'Choose the awarding agency from the list.'),
    subAgencyId: z.string().regex(CUID, 'Choose the sub-agency from the list.').nullable().default(null),
    title: text('The title', 300),
    purpose: optionalText('The purpose', 5000),
    piid: optionalText('The PIID', 100),
    obligatedAmount: amountInput,
    potentialAmount: amountInput,
    currency: currencyInput,
    awardDate: preciseDateInput('The award date').nullable().default(null),
    contractStatus: z.enum(CONTRACT_STATUSES, { error: 'Choose the status from the list.' }).default('UNKNOWN'),
    /** When the status took effect, if the sources say; without it, a changed status is known as of its publication. */
    statusSince: preciseDateInput('The date the status took effect').nullable().default(null),
    /**
     * The period of performance, to the day. Left out (undefined) by a change sent before the form
     * offered it (7 December), which leaves the record's as it is; null for none.
     */
    periodStart: calendarDayInput('The start of the period of performance').nullable().optional(),
    periodEnd: calendarDayInput('The end of the period of performance').nullable().optional(),
    sources: sourcesInput,
  })
  .superRefine(
    (value, context) => {
      if (value.periodStart && value.periodEnd && value.periodEnd < value.periodStart) {
        context.addIssue({
          code: 'custom',
          path: ['periodEnd'],
          message: `The period cannot end before it starts (${formatPreciseDate(new Date(`${value.periodStart}T00:00:00Z`), 'DAY')}): check both days.`,
        });
      }
    },
    onceParsed('periodStart', 'periodEnd'),
  )
  .superRefine(
    (value, context) => {
      if (!value.awardDate || !value.statusSince) return;
      if (beforeAsKnown(value.statusSince, value.awardDate)) {
        context.addIssue({
          code: 'custom',
          path: ['statusSince'],
          message: `The status cannot have taken effect before the award (${formatPreciseDate(new Date(`${value.awardDate.date}T00:00:00Z`), value.awardDate.precision)}): check both dates.`,
        });
      }
    },
    onceParsed('awardDate', 'statusSince'),
  )
  .superRefine(
    (value, context) => {
      for (const field of ['obligatedAmount', 'potentialAmount'] as const) {
        const problem = finerThanCurrency(value[field], value.currency);
        if (problem) context.addIssue({ code: 'custom', path: [field], message: problem });
      }
    },
    onceParsed('obligatedAmount', 'potentialAmount', 'currency'),
  )
  .superRefine(
    (value, context) => {
      if (value.contractStatus === 'UNKNOWN' && value.statusSince) {
        context.addIssue({
          code: 'custom',
          path: ['statusSince'],
          message: 'A status not known has no date it took effect: choose the status, or leave this date empty.',
        });
      }
    },
    onceParsed('contractStatus', 'statusSince'),
  );

/** An amount as amountInput reads it ("1,250,000.5" is "1250000.5"); null for none, or one it refuses. */
export function readAmount(amount: unknown): string | null {
  const parsed = amountInput.safeParse(amount);
  return parsed.success ? parsed.data : null;
}

/**
 * A contract's potential value below its obligated amount, which its form refuses for amounts an
 * editor types (checked with the record, by referenceProblems: USAspending's own files hold such
 * awards, whose other fields stay correctable as the government wrote them).
 */
export function amountsOutOfOrder(obligatedAmount: unknown, potentialAmount: unknown): string | null {
  // Read as the form reads them (a form's raw text too, "1,000,000", checked beside its other
  // fields' messages); one it refuses is not compared.
  const cents = (amount: unknown) => {
    const read = readAmount(amount);
    return read === null ? null : inCents(read);
  };
  const [obligated, potential] = [cents(obligatedAmount), cents(potentialAmount)];
  return obligated !== null && potential !== null && obligated > potential
    ? 'The potential value cannot be below the obligated amount.'
    : null;
}

export type ContractInput = z.infer<typeof contractSchema>;

export const STATEMENT_KINDS = ['STATEMENT', 'DECLINED_TO_COMMENT', 'CANCELLED_OR_NOT_RENEWED', 'RETALIATION'] as const;

export const statementSchema = z.object({
  company: partyInput('company'),
  kind: z.enum(STATEMENT_KINDS, { error: 'Choose what the company said or did.' }),
  date: preciseDateInput('The date'),
  summary: text('The summary', 2000),
  quote: optionalText('The quote', 2000),
  speaker: optionalText('Who said it', 200),
  contractId: contractIdInput(false).nullable().default(null),
  sources: sourcesInput,
});
export type StatementInput = z.infer<typeof statementSchema>;

export const AGENCY_LEVELS = ['FEDERAL', 'STATE', 'LOCAL', 'FOREIGN', 'INTERNATIONAL'] as const;

export const agencySchema = z.object({
  name: nameText('The name'),
  /** Set when the editor confirmed that a name like an existing agency's is a different agency. */
  confirmNew: z.boolean().default(false),
  acronym: optionalText('The acronym', 20),
  /**
   * Every other name it goes by in sources and the news ("Pentagon"), which search finds it by: the
   * whole list, so a name can be taken out again. Each once, whatever its case.
   */
  aliases: z
    .array(oneLineText('Another name', 200))
    .max(20, 'At most 20 other names.')
    .default([])
    .transform((names) =>
      names.filter((name, at) => names.findIndex((other) => nameKey(other) === nameKey(name)) === at),
    ),
  /** The department or agency it belongs to (U.S. Customs and Border Protection → Department of Homeland Security). */
  parentId: z.string().regex(CUID, 'Choose the parent agency from the list.').nullable().default(null),
  country: countryInput(false),
  level: z.enum(AGENCY_LEVELS, { error: 'Choose the level of government.' }),
  website: websiteInput,
  sources: sourcesInput,
});
export type AgencyInput = z.infer<typeof agencySchema>;

export const ORGANIZATION_KINDS = [
  'NGO',
  'LEGAL_AID',
  'WORKER_GROUP',
  'CAMPAIGN',
  'UNIVERSITY',
  'CONFERENCE',
  'MEDIA',
  'OTHER',
] as const;

export const organizationSchema = z.object({
  name: nameText('The name'),
  /** Set when the editor confirmed that a name like an existing one's is a different organization. */
  confirmNew: z.boolean().default(false),
  acronym: optionalText('The acronym', 20),
  kind: z.enum(ORGANIZATION_KINDS, { error: 'Choose what kind of organization it is.' }),
  country: countryInput(true),
  website: websiteInput,
  description: optionalText('The description', 2000),
  sources: sourcesInput,
});
export type OrganizationInput = z.infer<typeof organizationSchema>;

/** The kinds of record editors can propose, each with the schema of its form (its fields in the form's order). */
export const FORM_SCHEMAS = {
  DONATION_RESPONSE: donationResponseSchema,
  EMPLOYEE_ACTION: employeeActionSchema,
  COMPANY: companySchema,
  CONTRACT: contractSchema,
  COMPANY_STATEMENT: statementSchema,
  AGENCY: agencySchema,
  ORGANIZATION: organizationSchema,
} as const;
