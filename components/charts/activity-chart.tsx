import { scaleBand, scaleLinear } from 'd3-scale';
import { compactDollars, formatMoney } from '@/lib/money';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { ChartFrame, chartWidth, YearLabel } from './chart-frame';

interface YearPoint {
  year: number;
  actions: number;
  contractValue: number;
}

const HEIGHT = 260;
const MARGIN = { top: 16, right: 72, bottom: 32, left: 44 };

/** The years a chart covers: "2016–2020", or "in 2018" alone. */
export const yearSpan = (first: number, last: number) => (first === last ? `in ${first}` : `${first}–${last}`);

/**
 * Employee actions per year (bars, left axis) against the value of contracts awarded that year
 * (dots, right axis), drawn on the server as SVG. A table with the same figures follows it for
 * screen readers and for anyone who wants the numbers.
 */
export function ActivityChart({ years, companyName }: { years: YearPoint[]; companyName: string }) {
  if (years.length === 0) {
    return (
      <p className="text-stone-700">
        The chart shows employee actions and contract awards by year; none for {companyName} is on record yet, so there
        is nothing to chart.
      </p>
    );
  }
  if (years.every((point) => point.actions === 0 && point.contractValue === 0)) {
    // Contracts alone, none with a value in US dollars: an empty drawing would say nothing.
    return (
      <p className="text-stone-700">
        The chart shows employee actions and the value in US dollars of the contracts awarded, by year; {companyName}{' '}
        has no employee action on record and no contract with a known value in US dollars, so there is nothing to chart.
      </p>
    );
  }
  const first = years[0]!.year;
  const last = years[years.length - 1]!.year;
  const allYears = Array.from({ length: last - first + 1 }, (_, index) => first + index);
  const byYear = new Map(years.map((point) => [point.year, point]));
  const width = chartWidth(allYears.length, MARGIN);
  const x = scaleBand<number>()
    .domain(allYears)
    .range([MARGIN.left, width - MARGIN.right])
    .padding(0.2);
  const mostActions = Math.max(0, ...years.map((point) => point.actions));
  // The axis's scale needs a top above 0 even in years of contracts alone; the text says what is there.
  const maxActions = Math.max(1, mostActions);
  const maxValue = Math.max(0, ...years.map((point) => point.contractValue));
  // Rounded out with the same count of ticks the axes draw, so that the top line is at or above the tallest bar.
  const yActions = scaleLinear()
    .domain([0, maxActions])
    .nice(Math.min(5, maxActions))
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const yValue = scaleLinear()
    .domain([0, maxValue || 1])
    .nice(4)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const labelEvery = Math.ceil(allYears.length / 12);
  const titleId = 'activity-chart-title';
  const descId = 'activity-chart-desc';

  return (
    <figure className="space-y-2">
      <ChartFrame width={width} height={HEIGHT} labelledBy={`${titleId} ${descId}`}>
        <title id={titleId}>{`Activity of ${companyName} per year, ${yearSpan(first, last)}`}</title>
        <desc id={descId}>
          {`Bars: employee actions started each year (${mostActions > 0 ? `most: ${mostActions}` : 'none on record'}). Dots: obligated value in US dollars of contracts awarded each year` +
            (maxValue > 0
              ? ` (most: ${formatMoney(String(Math.round(maxValue)), 'USD')}).`
              : ' (none with a known value in US dollars).') +
            ' The table below gives every figure.'}
        </desc>
        {yActions
          .ticks(Math.min(5, maxActions))
          .filter(Number.isInteger)
          .map((tick) => (
            <g key={`a-${tick}`}>
              <line
                x1={MARGIN.left}
                x2={width - MARGIN.right}
                y1={yActions(tick)}
                y2={yActions(tick)}
                stroke="#e7e5e4"
              />
              <text x={MARGIN.left - 6} y={yActions(tick)} dy="0.32em" textAnchor="end" fontSize="12" fill="#57534e">
                {tick}
              </text>
              {/* Without contract values the right side is free: the counts there too, in view where
                    a phone opens the chart (its right end). */}
              {maxValue === 0 && (
                <text x={width - MARGIN.right + 6} y={yActions(tick)} dy="0.32em" fontSize="12" fill="#57534e">
                  {tick}
                </text>
              )}
            </g>
          ))}
        {maxValue > 0 &&
          yValue.ticks(4).map((tick) => (
            <text
              key={`v-${tick}`}
              x={width - MARGIN.right + 6}
              y={yValue(tick)}
              dy="0.32em"
              fontSize="12"
              fill="#7c2d12"
              data-mark="value-axis"
            >
              {compactDollars(tick)}
            </text>
          ))}
        {allYears.map((year, index) => {
          const point = byYear.get(year);
          const left = x(year) ?? 0;
          return (
            <g key={year}>
              {point && point.actions > 0 && (
                <rect
                  x={left}
                  y={yActions(point.actions)}
                  width={x.bandwidth()}
                  height={yActions(0) - yActions(point.actions)}
                  fill="#44403c"
                  data-mark="actions"
                />
              )}
              {point && point.contractValue > 0 && (
                <circle
                  cx={left + x.bandwidth() / 2}
                  cy={yValue(point.contractValue)}
                  r={5}
                  fill="#c2410c"
                  stroke="#fff"
                  data-mark="value"
                />
              )}
              {index % labelEvery === 0 && (
                <YearLabel year={year} x={left + x.bandwidth() / 2} y={HEIGHT - MARGIN.bottom + 16} />
              )}
            </g>
          );
        })}
      </ChartFrame>
      <figcaption className="flex flex-wrap gap-4 text-sm text-stone-700">
        <span>
          <span aria-hidden="true" data-swatch="actions" className="mr-1 inline-block h-3 w-3 bg-stone-700" />
          Employee actions ({maxValue > 0 ? 'left axis' : 'the axis on either side'})
        </span>
        {maxValue > 0 ? (
          <span>
            <span
              aria-hidden="true"
              data-swatch="value"
              className="mr-1 inline-block h-3 w-3 rounded-full bg-orange-700"
            />
            Contract value awarded, USD (right axis)
          </span>
        ) : (
          <span>No contract value in US dollars is on record here, so the chart shows employee actions only.</span>
        )}
      </figcaption>
      <details className="text-sm" data-print="open">
        <summary className="cursor-pointer py-1 text-stone-700">The figures as a table</summary>
        {/* Scrolled on its own when enlarged text makes it wider than a phone, never the page. */}
        <ScrollRegion label={`Activity of ${companyName} per year: the figures`}>
          <table className="mt-2 border-collapse text-left">
            <caption className="sr-only">Activity of {companyName} per year</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-1 pr-4">
                  Year
                </th>
                <th scope="col" className="py-1 pr-4 text-right">
                  Employee actions
                </th>
                <th scope="col" className="py-1 text-right">
                  Contract value awarded (USD)
                </th>
              </tr>
            </thead>
            <tbody>
              {/* Every year the chart spans, those with nothing on record too, as the chart draws them. */}
              {allYears.map((year) => {
                const point = byYear.get(year);
                return (
                  <tr key={year} className="border-b border-stone-200">
                    <th scope="row" className="py-1 pr-4 font-normal">
                      {year}
                    </th>
                    <td className="py-1 pr-4 text-right tabular-nums">{point?.actions ?? 0}</td>
                    <td className="py-1 text-right tabular-nums">
                      {point && point.contractValue > 0 ? formatMoney(point.contractValue.toFixed(2), 'USD') : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}
