import { canonicalAlternates, openGraph } from '@/lib/site';
import type { Metadata } from 'next';
import { ComparisonChart, SERIES_STYLE } from '@/components/charts/comparison-chart';
import { CompanyPicker } from '@/components/compare/company-picker';
import { compareAddress, type ComparisonView } from '@/lib/compare-address';
import { READY_COMPARISONS } from '@/lib/ready-comparisons';
import { boldValues, comparisonMeasures, MIN_SHARE_BASE, valuedInOtherCurrencies } from '@/lib/compare-measures';
import { compactDollars, dollarsCell } from '@/lib/money';
import { MAX_COMPARED, MAX_NAMES_READ, parseCompanyList } from '@/lib/data/compare';
import { findCompaniesByName } from '@/lib/data/search';
import { cachedComparison } from '@/lib/public-data';
import type { CompanyFigures } from '@/lib/data/company-figures';
import { compareParamsSchema } from '@/lib/validation/compare-params';
import { readParamsLeniently, type SearchParams } from '@/lib/validation/public-params';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { eitherList, namesList } from '@/lib/text';
import { searchableText } from '@/lib/validation/list-filters';

const DESCRIPTION =
  'Two to four companies side by side: contracts, employee actions, donation responses, statements and what pressure achieved.';

/** A shared comparison says which companies it compares, in its title and its preview. */
export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const { data: query } = readParamsLeniently(compareParamsSchema, await searchParams);
  const { slugs } = parseCompanyList(query.companies);
  const includeSubsidiaries = query.subsidiaries === '1';
  const companies = slugs.length ? (await cachedComparison(slugs, includeSubsidiaries)).companies : [];
  const names = companies.map((company) => company.name);
  // One address for one comparison, however it was written (another name, a capital, twice).
  const view = {
    companies: companies.map((company) => company.slug),
    includeSubsidiaries,
    perYear: query.per === 'year',
  };
  const title =
    names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)} compared` : 'Compare companies';
  const description =
    names.length > 1
      ? `${names.join(', ')} side by side: contracts, employee actions, donation responses, statements and what pressure achieved.`
      : DESCRIPTION;
  return {
    title,
    description,
    alternates: canonicalAlternates(compareAddress(view)),
    openGraph: openGraph({ title: `${title} · Counterweight`, description, url: compareAddress(view) }),
  };
}

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // A parameter it cannot read is said and gone without, the rest of the comparison shown.
  const { data: query, problems: unreadParams } = readParamsLeniently(compareParamsSchema, await searchParams);
  const { slugs, malformed, unread, repeated } = parseCompanyList(query.companies);
  // The name typed in the box, as the page may say it back: without invisible characters (a
  // right-to-left override would turn the sentence around it backwards).
  const added = searchableText(query.add ?? '');
  const includeSubsidiaries = query.subsidiaries === '1';
  const perYear = query.per === 'year';
  const [comparison, suggestions] = await Promise.all([
    slugs.length ? cachedComparison(slugs, includeSubsidiaries) : null,
    added ? findCompaniesByName(added, 6) : [],
  ]);
  const shown = comparison?.companies ?? [];
  const shownSlugs = shown.map((company) => company.slug);

  const view = { companies: shownSlugs, includeSubsidiaries, perYear };
  const href = (changes: Partial<ComparisonView>) => compareAddress({ ...view, ...changes });
  const csvHref = compareAddress(view, '/compare/csv');
  const addable = suggestions.filter((suggestion) => !shownSlugs.includes(suggestion.slug));
  const measures = comparisonMeasures(shown, { perYear });
  const groups = [...new Set(measures.map((measure) => measure.group))];
  const problems = [
    ...unreadParams.map(({ message }) => `${message} It is left out.`),
    ...(comparison?.unknown.length || malformed.length
      ? [
          `No company is on record as ${eitherList([...(comparison?.unknown ?? []), ...malformed].map((slug) => `“${slug}”`))}${shown.length ? '; the others are shown' : ''}.`,
        ]
      : []),
    ...(unread
      ? [
          `Only the first ${MAX_NAMES_READ} names in the address are read: ${unread === 1 ? '1 more was' : `${unread} more were`} not.`,
        ]
      : []),
    ...(comparison?.overLimit.length
      ? [
          `At most ${MAX_COMPARED} companies can be compared at once; ${comparison.overLimit.map((company) => company.name).join(', ')} left out.`,
        ]
      : []),
    // A name sent from the box (without JavaScript) when the comparison is already full.
    ...(added && shown.length >= MAX_COMPARED
      ? [`At most ${MAX_COMPARED} companies can be compared at once: remove one to add “${added}”.`]
      : []),
  ];

  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">Compare companies</h1>

      {repeated.length > 0 && (
        <p className="text-stone-700">
          {namesList(repeated.map((name) => `“${name}”`))} {repeated.length === 1 ? 'is' : 'are'} named more than once
          in the address: compared once.
        </p>
      )}
      {comparison?.aliased.map((company) => (
        <p key={company.slug} className="text-stone-700">
          “{company.slug}” is another name of {company.into.name}: compared as {company.into.name}.
        </p>
      ))}
      {comparison?.merged.map((company) => (
        <p key={company.slug} className="text-stone-700">
          {company.name} was merged into {company.into.name}: its records are counted as {company.into.name}’s.
        </p>
      ))}

      {comparison?.overlaps.map((overlap) => (
        <p key={`${overlap.within}:${overlap.name}`} className="text-stone-700">
          {overlap.name} is a subsidiary of {overlap.within}: with subsidiaries included, its records are counted in
          both columns.
        </p>
      ))}

      {problems.length > 0 && (
        <div role="alert" className="rounded border border-amber-700 bg-amber-50 p-3 text-stone-900">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}

      <CompanyPicker
        view={view}
        defaultValue={query.add ?? ''}
        full={shown.length >= MAX_COMPARED}
        limit={MAX_COMPARED}
        answeredBy={added && shown.length < MAX_COMPARED ? 'compare-found' : undefined}
      />

      {added && shown.length < MAX_COMPARED && (
        <section id="compare-found" aria-labelledby="suggestions" className="print:hidden">
          <h2 id="suggestions" className="text-lg font-semibold">
            {addable.length
              ? `Companies like “${added}”`
              : suggestions.length
                ? `${suggestions.map((suggestion) => suggestion.name).join(', ')} ${suggestions.length === 1 ? 'is' : 'are'} already compared`
                : `No company is like “${added}”`}
          </h2>
          {addable.length > 0 && addable.length < suggestions.length && (
            // What was typed may be one compared already: said, beside the others like it.
            <p className="mt-1 text-stone-700">
              {namesList(
                suggestions.filter((suggestion) => !addable.includes(suggestion)).map((suggestion) => suggestion.name),
              )}{' '}
              {suggestions.length - addable.length === 1 ? 'is' : 'are'} already compared.
            </p>
          )}
          {suggestions.length === 0 && (
            <p className="mt-1 text-stone-700">
              Check its spelling, or try another name it goes by; <a href="/companies">every company</a> on record is
              listed A to Z.
            </p>
          )}
          {addable.length > 0 && (
            <ul className="mt-1 flex flex-wrap gap-2">
              {addable.map((suggestion) => (
                <li key={suggestion.slug}>
                  <a
                    href={href({ companies: [...shownSlugs, suggestion.slug] })}
                    className="inline-block rounded border border-stone-400 bg-white px-3 py-1"
                  >
                    {`Add ${suggestion.name}`}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {shown.length === 0 ? (
        <section aria-labelledby="ready" className="space-y-2">
          <h2 id="ready" className="text-xl font-semibold">
            Start from a ready-made comparison
          </h2>
          <ul className="list-disc pl-6">
            {READY_COMPARISONS.map((ready) => (
              <li key={ready.slugs.join(',')}>
                <a href={href({ companies: [...ready.slugs] })}>{ready.title}</a>
              </li>
            ))}
          </ul>
          <p className="text-stone-700">Or add companies one by one with the box above.</p>
        </section>
      ) : (
        <>
          <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm print:hidden">
            {/* Each switch leads back to itself, for a keyboard to go on from where it was. */}
            <a
              id="subsidiaries-switch"
              href={`${href({ includeSubsidiaries: !includeSubsidiaries })}#subsidiaries-switch`}
              className="inline-block py-1"
            >
              {includeSubsidiaries ? 'Count each company alone' : 'Include subsidiaries'}
            </a>
            <a
              id="per-year-switch"
              href={`${href({ perYear: !perYear })}#per-year-switch`}
              className="inline-block py-1"
            >
              {perYear ? 'Hide the yearly averages' : 'Add yearly averages (where totals over different spans mislead)'}
            </a>
            <a href={csvHref} download>
              Download as CSV
            </a>
          </div>
          {shown.length === 1 && <p className="text-stone-700">Add at least one more company to compare.</p>}

          <section aria-labelledby="table" className="space-y-2">
            <h2 id="table" tabIndex={-1} className="sr-only">
              The figures side by side
            </h2>
            <ul className="list-disc space-y-1 pl-5 text-sm text-stone-700">
              {shown.length > 1 && (
                <li>
                  The largest value in each row is in bold; a share of met demands is in bold only where it rests on at
                  least {MIN_SHARE_BASE} actions with a known outcome, since most actions’ outcomes are not known; a sum
                  of money only where no other company’s leaves out contracts of unknown value, which could make it the
                  larger.
                </li>
              )}
              <li>
                Participants are the sum of the numbers on record: a range is counted at its low end, a vague count
                (“hundreds”) at the number its record gives it, and actions that give no number add nothing.
              </li>
              {/* Not on paper, where the CSV's link is not either. */}
              <li className="print:hidden">
                In the CSV, <code>value</code> is the number compared (a count, a share from 0 to 1, US dollars, a year)
                and <code>base</code>, for a share, the number of actions it is a share of; the figures over time
                follow, one row per year, the <code>year</code> in the last column.
              </li>
            </ul>
            <ScrollRegion label="The table of figures, scrollable" tall>
              <table className="w-full border-collapse text-left text-sm">
                <caption className="sr-only">
                  {shown.length > 1
                    ? `${shown.map((company) => company.name).join(', ')}: figures side by side; the largest value in each row is in bold, and said to be the largest.`
                    : `${shown[0]?.name}: figures.`}
                </caption>
                {/* Kept at the top of the table's box, so that each row's figures stay under their company's name. */}
                <thead className="sticky top-0 z-10 bg-paper">
                  <tr className="print:border-b-2 print:border-stone-400">
                    <th scope="col" className="sticky left-0 bg-paper py-2 pr-3">
                      Measure
                    </th>
                    {shown.map((company, index) => (
                      <th key={company.slug} scope="col" className="pt-2 pr-3 pb-1 pl-2 align-bottom">
                        <span className="flex items-center gap-2">
                          <svg width="20" height="6" aria-hidden="true">
                            <line
                              x1="0"
                              x2="20"
                              y1="3"
                              y2="3"
                              stroke={SERIES_STYLE[index]?.color}
                              strokeWidth="3"
                              strokeDasharray={SERIES_STYLE[index]?.dash}
                            />
                          </svg>
                          <a href={`/companies/${company.slug}${includeSubsidiaries ? '?subsidiaries=1' : ''}`}>
                            {company.name}
                          </a>
                        </span>
                        {company.includedSubsidiaries.length > 0 && (
                          <span className="block font-normal text-stone-700">
                            with {namesList(company.includedSubsidiaries)}
                          </span>
                        )}
                      </th>
                    ))}
                  </tr>
                  {/* Cells, not part of the column headers: a screen reader says a header with every figure under it. */}
                  <tr className="border-b-2 border-stone-400 print:hidden">
                    <td className="sticky left-0 bg-paper" />
                    {shown.map((company) => (
                      <td key={company.slug} className="pr-3 pb-2 pl-2">
                        <a
                          // Back at the table, for a keyboard to go on from where it was; the last one
                          // removed, at the box that adds another (the table is gone).
                          href={`${href({ companies: shownSlugs.filter((slug) => slug !== company.slug) })}${shownSlugs.length > 1 ? '#table' : '#compare-add'}`}
                          className="inline-block py-1"
                          aria-label={`Remove ${company.name} from the comparison`}
                        >
                          Remove
                        </a>
                      </td>
                    ))}
                  </tr>
                </thead>
                {groups.map((group) => (
                  <tbody key={group}>
                    <tr>
                      <th
                        colSpan={shown.length + 1}
                        scope="rowgroup"
                        className="bg-stone-100 py-1 pl-1 text-left font-semibold"
                      >
                        {/* Kept at the left edge, beside the measures, when the table is scrolled sideways. */}
                        <span className="sticky left-1">{group}</span>
                      </th>
                    </tr>
                    {measures
                      .filter((measure) => measure.group === group)
                      .map((measure) => {
                        const bold = boldValues(measure);
                        // Two or more at the top are said to share it.
                        const largest = bold.filter(Boolean).length > 1 ? ' (tied for the largest)' : ' (the largest)';
                        return (
                          <tr key={measure.label} className="border-b border-stone-200 align-top">
                            <th scope="row" className="sticky left-0 bg-paper py-1.5 pr-3 font-normal">
                              {measure.label}
                            </th>
                            {measure.values.map((value, index) => (
                              <td
                                key={shown[index]?.slug}
                                className={`py-1.5 pr-3 pl-2 tabular-nums ${bold[index] ? 'font-bold' : ''}`}
                              >
                                {value}
                                {bold[index] && <span className="sr-only">{largest}</span>}
                              </td>
                            ))}
                          </tr>
                        );
                      })}
                  </tbody>
                ))}
              </table>
            </ScrollRegion>
          </section>

          <section aria-labelledby="over-time" className="space-y-4">
            <h2 id="over-time" className="text-2xl font-semibold">
              Over time
            </h2>
            <ComparisonChart
              id="compare-actions"
              title="Employee actions per year"
              series={shown.map((company) => ({
                name: company.name,
                points: new Map(company.figures.years.map((point) => [point.year, point.actions])),
              }))}
              format={(value) => String(value)}
              counts
            />
            <ComparisonChart
              id="compare-value"
              title="Contract value awarded per year (USD)"
              empty="No contract value in US dollars is on record for these companies."
              series={shown.map((company) => ({
                name: company.name,
                points: new Map(
                  company.figures.years
                    .filter((point) => point.contractValue > 0)
                    .map((point) => [point.year, point.contractValue]),
                ),
              }))}
              format={compactDollars}
              cell={dollarsCell}
              gaps
            />
            <OtherCurrencies companies={shown} />
          </section>
        </>
      )}
    </div>
  );
}

/**
 * The companies whose contracts are valued in another currency too, which the chart of US dollars
 * leaves out: said, as the profile's chart says it, rather than drawn as no value.
 */
function OtherCurrencies({ companies }: { companies: { name: string; figures: CompanyFigures }[] }) {
  const named = valuedInOtherCurrencies(companies);
  if (named.length === 0) return null;
  return (
    <p className="text-sm text-stone-700">
      The chart counts US dollars only: {namesList(named)} {named.length === 1 ? 'has' : 'have'} contract value in other
      currencies too, given under &ldquo;Obligated value&rdquo; above.
    </p>
  );
}
