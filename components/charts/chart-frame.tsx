import type { CSSProperties, ReactNode } from 'react';
import { ScrollRegion } from '@/components/ui/scroll-region';

/** A chart's widest drawing, in its own units; the SVG's min-width (720px) keeps it at 1:1 on a phone. */
export const WIDEST = 720;
/** The room a year takes in a chart of few years, which is drawn narrower, down to NARROWEST. */
const PER_YEAR = 64;
const NARROWEST = 320;

/**
 * The width a chart of so many years is drawn at: as narrow as they need (two years fit a phone
 * whole, where a full-width drawing opened on its last year with the first out of view, and one
 * year's point stood out of view altogether), at 1:1 everywhere; one of many years takes the full
 * width, and scrolls on a phone.
 */
export function chartWidth(years: number, margin: { left: number; right: number }): number {
  return Math.min(WIDEST, Math.max(NARROWEST, margin.left + margin.right + years * PER_YEAR));
}

/** The SVG's size on the page for a drawing so wide: 1:1 when narrow, the box's width when full. */
function drawnSize(width: number): { className: string; style?: CSSProperties } {
  return width < WIDEST
    ? { className: 'block h-auto [direction:ltr]', style: { width, minWidth: width } }
    : { className: 'block h-auto w-full min-w-[720px] [direction:ltr]' };
}

/**
 * A chart's drawing, `width` by `height` in its own units, named by the elements `labelledBy` lists.
 * On a phone it keeps a readable size (drawn 1:1, its labels at 12 px) and scrolls sideways, rather
 * than shrinking its labels; it opens on its latest years, where the activity is. As wide as the
 * box at least, reading left to right: a narrow chart stands at the left where it fits (the box
 * reads right to left, which had set it at the right), and overflows to the left on a phone.
 */
export function ChartFrame({
  width,
  height,
  labelledBy,
  children,
}: {
  width: number;
  height: number;
  labelledBy: string;
  children: ReactNode;
}) {
  return (
    <ScrollRegion label="The chart, scrollable" startAtEnd>
      <div className="w-max min-w-full [direction:ltr]">
        <svg
          data-chart
          viewBox={`0 0 ${width} ${height}`}
          {...drawnSize(width)}
          role="img"
          aria-labelledby={labelledBy}
        >
          {children}
        </svg>
      </div>
    </ScrollRegion>
  );
}

/** A year under a chart's axis, centred on `x`, its baseline at `y`. */
export function YearLabel({ year, x, y }: { year: number; x: number | undefined; y: number }) {
  return (
    <text x={x} y={y} textAnchor="middle" fontSize="12" fill="#57534e">
      {year}
    </text>
  );
}
