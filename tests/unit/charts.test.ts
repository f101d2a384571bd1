import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ActivityChart } from '@/components/charts/activity-chart';
import { ComparisonChart } from '@/components/charts/comparison-chart';
import { compactDollars, dollarsCell } from '@/lib/money';

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

/** Every label of the left axis as written ("0.5" too), drawn right-aligned against it. */
const axisTexts = (html: string) =>
  [...html.matchAll(/<text[^>]*text-anchor="end"[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);

describe('the charts’ count axes', () => {
  it.each([1, 2, 3, 4, 6])('tick whole numbers only (at most %i actions in a year)', (most) => {
    const activity = renderToStaticMarkup(
      createElement(ActivityChart, {
        companyName: 'Example',
        years: [
          { year: 2018, actions: 1, contractValue: 0 },
          { year: 2019, actions: most, contractValue: 0 },
        ],
      }),
    );
    const comparison = renderToStaticMarkup(
      createElement(ComparisonChart, {
        id: 'actions',
        title: 'Employee actions per year',
        series: [
          { name: 'A', points: new Map([[2019, most]]) },
          { name: 'B', points: new Map([[2018, 1]]) },
        ],
        format: (value: number) => String(value),
        counts: true,
      }),
    );
    for (const html of [activity, comparison]) {
      const labels = axisTexts(html);
      expect(labels.length).toBeGreaterThan(1);
      for (const label of labels) expect(label).toMatch(/^\d+$/);
      expect(Math.max(...labels.map(Number))).toBeGreaterThanOrEqual(most);
    }
  });

  it('give exact figures in the table under a chart of money, and none for a year without', () => {
    const html = renderToStaticMarkup(
      createElement(ComparisonChart, {
        id: 'value',
        title: 'Contract value awarded per year (USD)',
        series: [
          { name: 'A', points: new Map([[2018, 1_249_999.5]]) },
          { name: 'B', points: new Map([[2020, 100.5]]) },
        ],
        format: compactDollars,
        cell: dollarsCell,
      }),
    );
    const table = html.slice(html.indexOf('<table'));
    const cells = [...table.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1]);
    // 2018, 2019 and 2020, A then B in each.
    expect(cells).toEqual(['$1,249,999.50', '—', '—', '—', '—', '$100.50']);
    // The axis stays approximate.
    expect(axisTexts(html.slice(0, html.indexOf('<table')))).toContain('$1.2M');
  });

  it.each([2_600, 26_000, 1_300_000, 2_600_000_000])(
    'label each step of a money axis differently (at most $%i a year)',
    (most) => {
      const html = renderToStaticMarkup(
        createElement(ComparisonChart, {
          id: 'value',
          title: 'Contract value awarded per year (USD)',
          series: [
            {
              name: 'A',
              points: new Map([
                [2018, most / 3],
                [2019, most],
              ]),
            },
          ],
          format: compactDollars,
          cell: dollarsCell,
        }),
      );
      const labels = axisTexts(html.slice(0, html.indexOf('<table'))).filter((text) => text.startsWith('$'));
      expect(labels.length).toBeGreaterThan(3);
      expect(new Set(labels).size, labels.join(' ')).toBe(labels.length);
    },
  );

  it('break a line of money at a year without a known value, where a line of counts drops to 0', () => {
    const chart = (gaps: boolean) =>
      renderToStaticMarkup(
        createElement(ComparisonChart, {
          id: 'value',
          title: 'Contract value awarded per year (USD)',
          series: [
            {
              name: 'A',
              points: new Map([
                [2018, 500],
                [2020, 700],
              ]),
            },
          ],
          format: compactDollars,
          cell: dollarsCell,
          gaps,
        }),
      );
    // A path's pieces each start with a move (M); the bottom of the plot is y = 210.
    const path = (html: string) => /<path d="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(path(chart(true)).match(/M/g)).toHaveLength(2);
    expect(path(chart(true))).not.toMatch(/,210(?![\d.])/);
    expect(path(chart(false)).match(/M/g)).toHaveLength(1);
    expect(path(chart(false))).toMatch(/,210(?![\d.])/);
  });

  it('says above the comparison what it plots', () => {
    const html = renderToStaticMarkup(
      createElement(ComparisonChart, {
        id: 'actions',
        title: 'Employee actions per year',
        series: [{ name: 'A', points: new Map([[2019, 2]]) }],
        format: (value: number) => String(value),
        counts: true,
      }),
    );
    expect(html).toMatch(/<h3[^>]*>Employee actions per year<\/h3>/);
    // One year is named as one, not as the span "2019–2019".
    expect(html).toContain('A, in 2019.');
  });

  it('names a single year as one, and draws nothing where there is nothing in US dollars to draw', () => {
    const chart = (years: { year: number; actions: number; contractValue: number }[]) =>
      renderToStaticMarkup(createElement(ActivityChart, { companyName: 'Example', years }));
    expect(chart([{ year: 2018, actions: 2, contractValue: 0 }])).toContain(
      'Activity of Example per year, in 2018</title>',
    );
    expect(
      chart([
        { year: 2018, actions: 2, contractValue: 0 },
        { year: 2020, actions: 0, contractValue: 5 },
      ]),
    ).toContain('Activity of Example per year, 2018–2020</title>');
    // A contract in yen alone: its year is on record, with nothing the chart can draw.
    const yen = chart([{ year: 2019, actions: 0, contractValue: 0 }]);
    expect(yen).not.toContain('<svg');
    expect(yen).toContain('no contract with a known value in US dollars, so there is nothing to chart');
  });
});

describe('the charts on a phone', () => {
  /** The labels drawn on the right edge (left-aligned against it). */
  const rightLabels = (html: string) =>
    [...html.matchAll(/<text(?![^>]*text-anchor)[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);

  it('label the counts on the right as on the left, where a phone opens them', () => {
    const comparison = renderToStaticMarkup(
      createElement(ComparisonChart, {
        id: 'actions',
        title: 'Employee actions per year',
        series: [{ name: 'A', points: new Map([[2019, 12]]) }],
        format: (value: number) => String(value),
        counts: true,
      }),
    );
    const activity = renderToStaticMarkup(
      createElement(ActivityChart, { companyName: 'Example', years: [{ year: 2019, actions: 12, contractValue: 0 }] }),
    );
    for (const html of [comparison, activity]) {
      expect(axisTexts(html).length).toBeGreaterThan(1);
      expect(rightLabels(html)).toEqual(axisTexts(html));
    }
  });
});
