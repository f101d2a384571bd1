import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ActivityChart } from '@/components/charts/activity-chart';
import { ComparisonChart } from '@/components/charts/comparison-chart';

/** The numbers of the left axis's labels (drawn right-aligned against it). */
const axisLabels = (html: string) =>
  [...html.matchAll(/<text[^>]*text-anchor="end"[^>]*>([\d,]+)<\/text>/g)].map((match) =>
    Number(match[1]!.replace(/,/g, '')),
  );

describe('the charts’ scales', () => {
  it.each([7, 22, 42, 97])('reach at least the tallest bar (%i actions in a year)', (most) => {
    const html = renderToStaticMarkup(
      createElement(ActivityChart, {
        companyName: 'Example',
        years: [
          { year: 2018, actions: 3, contractValue: 0 },
          { year: 2019, actions: most, contractValue: 0 },
        ],
      }),
    );
    expect(Math.max(...axisLabels(html))).toBeGreaterThanOrEqual(most);
  });

  it.each([22, 42, 97])('reach at least the highest point of a comparison (%i)', (most) => {
    const html = renderToStaticMarkup(
      createElement(ComparisonChart, {
        id: 'actions',
        title: 'Employee actions per year',
        series: [
          {
            name: 'Example',
            points: new Map([
              [2018, 3],
              [2019, most],
            ]),
          },
        ],
        format: (value: number) => String(value),
      }),
    );
    expect(Math.max(...axisLabels(html))).toBeGreaterThanOrEqual(most);
  });
});
