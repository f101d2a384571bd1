import type { VocabularyKind } from './generated/prisma/enums';
import { slugify } from './slug';
import { cleanLabel } from './text';

export interface TermDefinition {
  slug: string;
  label: string;
  description?: string;
  /** Other spellings that mean this term. Spelling variants ("coworker_solidarity") need no alias:
   *  they reduce to the same slug. */
  aliases?: string[];
}

/** An action's fields that name terms by slug (its form's tick boxes), and the vocabulary of each. */
export const ACTION_TERM_FIELDS = {
  formSlugs: 'ACTION_FORM',
  issueSlugs: 'ISSUE',
  tagSlugs: 'TAG',
  employmentTypeSlugs: 'EMPLOYMENT_TYPE',
} as const satisfies Record<string, VocabularyKind>;

/**
 * The controlled lists the record starts with. Editors extend them; the importer maps the data
 * set's drifting values onto them through slugs and aliases.
 */
export const CONTROLLED_TERMS: Record<Exclude<VocabularyKind, 'TAG'>, TermDefinition[]> = {
  ACTION_FORM: [
    { slug: 'open-letter', label: 'Open letter or petition', aliases: ['open letter', 'petition'] },
    { slug: 'walkout', label: 'Walkout' },
    { slug: 'strike', label: 'Strike', aliases: ['work stoppage'] },
    { slug: 'protest', label: 'Protest', aliases: ['demonstration', 'rally'] },
    { slug: 'resignation', label: 'Resignation', aliases: ['resignations', 'quit'] },
    { slug: 'union-drive', label: 'Union drive', aliases: ['unionization'] },
    {
      slug: 'union-representation',
      label: 'Union representation',
      description:
        'Workers winning a union to represent them: a vote to unionise, voluntary recognition, a union founded or registered.',
    },
    {
      slug: 'union-contract',
      label: 'Union contract',
      description: 'Bargaining for or ratifying a collective agreement.',
    },
    { slug: 'legal-action', label: 'Legal action', aliases: ['lawsuit'] },
    { slug: 'shareholder-action', label: 'Shareholder action', aliases: ['shareholder proposal'] },
    { slug: 'boycott', label: 'Boycott' },
    { slug: 'hacktivism', label: 'Hacktivism' },
    {
      slug: 'resources',
      label: 'Resources and mutual aid',
      description: 'Guides, funds and networks workers built for each other.',
    },
    { slug: 'other', label: 'Other' },
  ],
  ISSUE: [
    { slug: 'ethics', label: 'Ethics' },
    { slug: 'pay-and-benefits', label: 'Pay and benefits' },
    { slug: 'working-conditions', label: 'Working conditions' },
    { slug: 'discrimination', label: 'Discrimination' },
    { slug: 'job-security', label: 'Job security' },
    { slug: 'unfair-labor-practices', label: 'Unfair labor practices' },
  ],
  EMPLOYMENT_TYPE: [
    { slug: 'white-collar-workers', label: 'White-collar workers' },
    { slug: 'blue-collar-workers', label: 'Blue-collar workers' },
    { slug: 'in-house-workers', label: 'In-house workers', aliases: ['inhouse workers'] },
    { slug: 'contract-workers', label: 'Contract workers' },
    { slug: 'gig-workers', label: 'Gig workers' },
    { slug: 'open-source-community', label: 'Open-source community' },
    { slug: 'content-creators', label: 'Content creators' },
    { slug: 'interns', label: 'Interns' },
    { slug: 'other', label: 'Other' },
  ],
};

/**
 * Spellings of action forms that were once aliases of another form and now name a form of their
 * own. Imports made links through them to the former form; a re-import moves such links.
 */
export const FORMER_FORM_ALIASES: { value: string; formerSlug: string }[] = [
  { value: 'union representation', formerSlug: 'union-drive' },
];

/** Tags the data set spells in ways that do not reduce to one slug. */
export const TAG_ALIASES: Record<string, string> = {
  'funding-raising': 'fund-raising',
  teamster: 'teamsters',
  'trade-union': 'unions',
};

/** Acronyms shown in capitals when a tag's label is made from its slug. */
const ACRONYMS = new Set(['ai', 'blm', 'cbp', 'cwa', 'ice', 'lgbtq', 'opeiu', 'seiu', 'twc', 'us', 'it']);

/** Values that mean "no value" in the data set. */
export const EMPTY_VALUES = new Set(['na', 'n/a', 'none', '']);

/** The slug a raw value reduces to ("coworker_solidarity" and "coworker solidarity" -> "coworker-solidarity"). */
export function termSlug(value: string): string {
  return slugify(cleanLabel(value));
}

/** Tags that are names, written as their owners write them. */
const NAMES: Record<string, string> = {
  'temporary-workers-of-america': 'Temporary Workers of America',
  'unite-here': 'UNITE HERE',
  washtech: 'WashTech',
  mijente: 'Mijente',
  trump: 'Trump',
  'us-china-conflict': 'US–China conflict',
};

/** A readable label for a tag first met in data: "climate_change" -> "Climate change", "ice" -> "ICE". */
export function tagLabel(value: string): string {
  const name = NAMES[termSlug(value)];
  if (name) return name;
  const words = cleanLabel(value).toLowerCase().split(' ');
  const label = words.map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word)).join(' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}
