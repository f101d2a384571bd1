import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { yearSpan } from './activity-chart';
import { ChartFrame, chartWidth, YearLabel } from './chart-frame';

export interface Series {
  name: string;
  points: Map<number, number>;
}

/** Colours with at least 4.5:1 contrast on white, each with its own dash pattern for anyone who cannot tell them apart. */
export const SERIES_STYLE = [
  { color: '#1d4ed8', dash: '' },
  { color: '#b45309', dash: '6 3' },
  { color: '#15803d', dash: '2 3' },
  { color: '#7e22ce', dash: '10 3 2 3' },
] as const;

const HEIGHT = 240;
// The axis is labelled on both sides: a phone opens the chart at its right end (the latest years).
const MARGIN = { top: 12, right: 56, bottom: 30, left: 56 };

/**
 * One line per company over the same years, drawn on the server as SVG, under a heading that
 * says what is plotted; a table with the same numbers follows for screen readers and for anyone
 * who wants them. `counts` says the values are whole numbers (actions), so the axis ticks only those.
 * `format` labels the axis (approximate, "$2.5M"); `cell` writes the table's figures exactly, a year
 * with nothing as `undefined` (by default the axis format, that year as 0). `gaps` says a year
 * without a value is not known to be 0 (no award of known value): the line breaks there rather
 * than drop to 0. `empty` says what the record lacks when no year has a value.
 */
export function ComparisonChart({
  id,
  title,
  series,
  format,
  cell = (value) => format(value ?? 0),
  counts = false,
  gaps = false,
  empty = 'Nothing on record for these companies.',
}: {
  id: string;
  title: string;
  series: Series[];
  format: (value: number) => string;
  cell?: (value: number | undefined) => string;
  counts?: boolean;
  gaps?: boolean;
  empty?: string;
}) {
  const years = [...new Set(series.flatMap((item) => [...item.points.keys()]))].sort((a, b) => a - b);
  if (years.length === 0) {
    return (
      <div className="space-y-1">
        <h3 className="text-lg font-semibold">{title}</h3>
        <p className="text-stone-700">{empty}</p>
      </div>
    );
  }
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  const allYears = Array.from({ length: last - first + 1 }, (_, index) => first + index);
  const width = chartWidth(allYears.length, MARGIN);
  const max = Math.max(1, ...series.flatMap((item) => [...item.points.values()]));
  const x = scalePoint<number>()
    .domain(allYears)
    .range([MARGIN.left, width - MARGIN.right])
    .padding(0.3);
  // No more ticks than whole numbers up to the highest count (a count of 2 ticks 0, 1, 2, never 0.5).
  const tickCount = counts ? Math.min(5, Math.ceil(max)) : 5;
  const y = scaleLinear()
    .domain([0, max])
    // With the count of ticks the axis draws: its top line is then at or above the highest point.
    .nice(tickCount)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const ticks = y.ticks(tickCount).filter((tick) => !counts || Number.isInteger(tick));
  const labelEvery = Math.ceil(allYears.length / 12);

  return (
    <figure className="space-y-2" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h3>
      <ChartFrame width={width} height={HEIGHT} labelledBy={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc
          id={`${id}-desc`}
        >{`${series.map((item) => item.name).join(', ')}, ${yearSpan(first, last)}. The table below gives every figure.`}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#e7e5e4" />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize="12" fill="#57534e">
              {format(tick)}
            </text>
            <text x={width - MARGIN.right + 6} y={y(tick)} dy="0.32em" fontSize="12" fill="#57534e">
              {format(tick)}
            </text>
          </g>
        ))}
        {allYears.map((year, index) =>
          index % labelEvery === 0 ? (
            <YearLabel key={year} year={year} x={x(year)} y={HEIGHT - MARGIN.bottom + 16} />
          ) : null,
        )}
        {series.map((item, index) => {
          const style = SERIES_STYLE[index % SERIES_STYLE.length]!;
          const d =
            line<number>()
              .defined((year) => !gaps || item.points.has(year))
              .x((year) => x(year) ?? 0)
              .y((year) => y(item.points.get(year) ?? 0))(allYears) ?? '';
          return (
            <g key={item.name}>
              <path d={d} fill="none" stroke={style.color} strokeWidth={2.5} strokeDasharray={style.dash} />
              {allYears.map((year) =>
                item.points.get(year) ? (
                  <circle key={year} cx={x(year)} cy={y(item.points.get(year) ?? 0)} r={3} fill={style.color} />
                ) : null,
              )}
            </g>
          );
        })}
      </ChartFrame>
      <figcaption className="flex flex-wrap gap-4 text-sm text-stone-800">
        {series.map((item, index) => {
          const style = SERIES_STYLE[index % SERIES_STYLE.length]!;
          return (
            <span key={item.name} className="inline-flex items-center gap-1">
              <svg width="28" height="8" aria-hidden="true">
                <line
                  x1="0"
                  x2="28"
                  y1="4"
                  y2="4"
                  stroke={style.color}
                  strokeWidth="2.5"
                  strokeDasharray={style.dash}
                />
              </svg>
              {item.name}
            </span>
          );
        })}
      </figcaption>
      <details className="text-sm" data-print="open">
        <summary className="cursor-pointer text-stone-700">{title}: the figures as a table</summary>
        <ScrollRegion label={`${title}: the figures`}>
          <table className="mt-2 border-collapse text-left">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-1 pr-4">
                  Year
                </th>
                {series.map((item) => (
                  <th key={item.name} scope="col" className="py-1 pr-4 text-right">
                    {item.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {/* Every year the chart spans, those with nothing on record too, as the chart draws them (at 0, or as a gap). */}
              {allYears.map((year) => (
                <tr key={year} className="border-b border-stone-200">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {year}
                  </th>
                  {series.map((item) => (
                    <td key={item.name} className="py-1 pr-4 text-right tabular-nums">
                      {cell(item.points.get(year))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}
