import 'server-only';
import { db } from '../db';
import { nameKey } from '../text';
import { searchableText } from '../validation/list-filters';
import { survivingCompanySlug } from './admin';
import { companyFamily, getCompanyFigures, type CompanyFigures } from './company-figures';

export const MAX_COMPARED = 4;

export interface ComparedCompany {
  slug: string;
  name: string;
  /** The subsidiaries whose records are included (empty unless asked for). */
  includedSubsidiaries: string[];
  figures: CompanyFigures;
}

export interface Comparison {
  companies: ComparedCompany[];
  /** Well-formed slugs that name no published company. */
  unknown: string[];
  /**
   * Companies asked for by the address of one merged since into another, which is compared in
   * its place (a comparison shared before the merge keeps working, as the profile's old address does).
   */
  merged: { slug: string; name: string; into: { slug: string; name: string } }[];
  /**
   * Companies asked for by another of their names written as a slug (aws, salesforce-com), as the
   * lists' company filter reads it: compared under their own name.
   */
  aliased: { slug: string; into: { slug: string; name: string } }[];
  /** Companies left out because at most four can be compared, by their names as on record. */
  overLimit: { slug: string; name: string }[];
  /** Every company whose records the columns count (with subsidiaries, their families). */
  counted: string[];
  /**
   * With subsidiaries, a compared company counted in another's column too (YouTube's records in
   * Google's): its records are in both columns, which the page says.
   */
  overlaps: { name: string; within: string }[];
}

/** The longest name read as a company's: longer, it is reported as no company's, as a list's filter does. */
const MAX_NAME_LENGTH = 100;

/** The most names of a `companies` parameter read: enough for every slip beside four companies. */
export const MAX_NAMES_READ = 24;

/**
 * Reads the `companies` parameter ("salesforce,google"): trimmed, lower-cased, each name once, in
 * the order given. A name is a company's address name or, as the lists' company filter reads it,
 * another of its names as typed ("salesforce.com", "Sales Force"). Entries that cannot be a name
 * (no letter or digit, or too long) are reported as unknown; names after the first MAX_NAMES_READ
 * are counted as unread, for the page to say so, rather than looked up.
 */
export function parseCompanyList(value: string | undefined): {
  slugs: string[];
  malformed: string[];
  unread: number;
  /** The names given more than once (compared once), as first written. */
  repeated: string[];
} {
  const seen = new Set<string>();
  const malformed: string[] = [];
  const repeated = new Map<string, string>();
  let unread = 0;
  for (const part of (value ?? '').split(',')) {
    // Invisible characters left out: "google" with a zero-width space is Google, and a name the
    // page says back is not turned backwards by a right-to-left override.
    const name = searchableText(part);
    const slug = name.toLowerCase();
    if (seen.has(slug) && !repeated.has(slug)) repeated.set(slug, name.slice(0, 40));
    if (!slug || seen.has(slug)) continue;
    if (seen.size + malformed.length >= MAX_NAMES_READ) unread += 1;
    else if (slug.length <= MAX_NAME_LENGTH && nameKey(slug)) seen.add(slug);
    else malformed.push(name.slice(0, 40));
  }
  return { slugs: [...seen], malformed, unread, repeated: [...repeated.values()] };
}

/**
 * The figures of two to four companies side by side (each computed by getCompanyFigures, so they
 * equal the companies' profiles). The number of queries depends on how many companies are
 * compared, never on how many records they have.
 */
export async function compareCompanies(slugs: string[], { includeSubsidiaries }: { includeSubsidiaries: boolean }): Promise<Comparison> {
  // Unknown names are reported, not counted against the limit of four.
  const asked = slugs.slice(0, MAX_NAMES_READ);
  const listed = { status: 'PUBLISHED', mergedIntoId: null } as const;
  const select = { id: true, slug: true, name: true } as const;
  const published = await db.company.findMany({ where: { slug: { in: asked }, ...listed }, select });
  const missing = asked.filter((slug) => !published.some((row) => row.slug === slug));
  // A company merged into another is compared as the survivor, which holds its records now.
  const gone = missing.length
    ? await db.company.findMany({ where: { slug: { in: missing }, mergedIntoId: { not: null } }, select: { slug: true, name: true } })
    : [];
  const survivorOf = new Map(await Promise.all(gone.map(async (row) => [row.slug, await survivingCompanySlug(row.slug)] as const)));
  // Neither a company's address nor a merged one's: another of a company's names (AWS is Amazon).
  const unnamed = missing.filter((slug) => !gone.some((row) => row.slug === slug));
  const keys = [...new Set(unnamed.map(nameKey))];
  const named = keys.length
    ? await db.companyAlias.findMany({
        where: { key: { in: keys }, company: listed },
        select: { key: true, company: { select: { slug: true } } },
      })
    : [];
  const companyOf = new Map(named.map((alias) => [alias.key, alias.company.slug]));
  // Each name asked for, however many are written alike ("salesforce.com" and "salesforce-com").
  const aliasOf = new Map(
    unnamed.flatMap((slug) => {
      const company = companyOf.get(nameKey(slug));
      return company ? [[slug, company] as const] : [];
    }),
  );
  /** The company's own address that an address asked for leads to. */
  const target = (slug: string) => survivorOf.get(slug) ?? aliasOf.get(slug) ?? slug;
  const wanted = [...new Set(asked.map(target))];
  const more = [...survivorOf.values(), ...aliasOf.values()].filter((slug) => !published.some((row) => row.slug === slug));
  const survivors = more.length ? await db.company.findMany({ where: { slug: { in: more }, ...listed }, select }) : [];
  const bySlug = new Map([...published, ...survivors].map((row) => [row.slug, row]));
  const merged = gone.flatMap((row) => {
    const into = bySlug.get(survivorOf.get(row.slug) ?? '');
    return into ? [{ slug: row.slug, name: row.name, into: { slug: into.slug, name: into.name } }] : [];
  });
  // In the order asked.
  const aliased = unnamed.flatMap((slug) => {
    const into = bySlug.get(aliasOf.get(slug) ?? '');
    return into ? [{ slug, into: { slug: into.slug, name: into.name } }] : [];
  });
  const known = wanted.flatMap((slug) => bySlug.get(slug) ?? []);
  const found = known.slice(0, MAX_COMPARED);
  const counted: string[] = [];
  const columns = await Promise.all(
    found.map(async (company) => {
      const family = includeSubsidiaries ? await companyFamily(company.id) : [company];
      counted.push(...family.map((member) => member.slug));
      const overlaps = found
        .filter((other) => other.id !== company.id && family.some((member) => member.id === other.id))
        .map((other) => ({ name: other.name, within: company.name }));
      return {
        overlaps,
        company: {
        slug: company.slug,
        name: company.name,
        // Every subsidiary counted, at any depth (Alphabet's column counts YouTube through Google).
        includedSubsidiaries: family.filter((member) => member.id !== company.id).map((member) => member.name),
        figures: await getCompanyFigures(family.map((member) => member.id)),
        },
      };
    }),
  );
  return {
    companies: columns.map((column) => column.company),
    counted: [...new Set(counted)],
    // In the order of the columns.
    overlaps: columns.flatMap((column) => column.overlaps),
    unknown: asked.filter((slug) => !bySlug.has(target(slug))),
    merged,
    aliased,
    overLimit: known.slice(MAX_COMPARED).map((company) => ({ slug: company.slug, name: company.name })),
  };
}
