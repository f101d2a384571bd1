import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 levels A and AA (contrast, names, labels, structure) and axe's best practices (landmarks, headings). */
const RULE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface Violation {
  id: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * What axe-core finds wrong with the page as it stands (open menus, shown errors and all), one line
 * per rule broken: the rule, what it asks, and the first elements that break it. Empty when it
 * finds nothing. axe runs in the page through the browser's debugging protocol, which the page's
 * Content-Security-Policy does not apply to.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // A form's answer re-renders the page, its <title> among it, a moment after the answer shows:
  // audited once the title is back (a page without one is still reported, after the wait).
  await page.waitForFunction(() => document.title.trim() !== '', undefined, { timeout: 5_000 }).catch(() => undefined);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return violations.map(({ id, help, nodes }) => ({
      id,
      help,
      nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  }, RULE_TAGS);
  return violations.map(
    ({ id, help, nodes }) =>
      `${id} (${help}): ${nodes
        .slice(0, 3)
        .map(({ target, failureSummary }) => `${target.join(' ')} [${failureSummary?.replace(/\s+/g, ' ').trim()}]`)
        .join('; ')}${nodes.length > 3 ? `; and ${nodes.length - 3} more` : ''}`,
  );
}

/** How many pixels the page itself is wider than the window (0 when wide content scrolls in its own box). */
export function widerThanScreen(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * The words (runs of letters and digits within one text node) of an element's text that the
 * browser broke across two lines or more, as a column too narrow breaks "auditf-4@coun
 * terweight.exa mple": each once.
 */
export function wordsBrokenAcrossLines(element: Locator): Promise<string[]> {
  return element.evaluate((root) => {
    const broken = new Set<string>();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let word = '';
    let tops: number[] = [];
    const end = () => {
      if (word && Math.max(...tops) - Math.min(...tops) > 2) broken.add(word);
      word = '';
      tops = [];
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // A word ends with its text node: a name above an address in a block of its own is not one word with it.
      end();
      const text = node.textContent ?? '';
      for (let at = 0; at < text.length; at += 1) {
        if (!/[\p{L}\p{N}]/u.test(text[at]!)) {
          end();
          continue;
        }
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const rect = range.getClientRects()[0];
        word += text[at];
        if (rect) tops.push(rect.top);
      }
    }
    end();
    return [...broken];
  });
}

/**
 * The links of the page's lists of problems (a form's alert) that lead astray: to no element, to one
 * outside the link's own form (another form's field of the same name), or listed before a field
 * that comes earlier in the form. Each as "href: why".
 */
export function errorLinksAstray(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('form [role="alert"] ul')].flatMap((list) => {
      let previous: Element | null = null;
      return [...list.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')].flatMap((link) => {
        const href = link.getAttribute('href')!;
        const target = document.getElementById(decodeURIComponent(href.slice(1)));
        if (!target) return [`${href}: no such element`];
        if (!link.closest('form')!.contains(target)) return [`${href}: a field of another form`];
        const before = previous && previous.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING;
        previous = target;
        return before ? [`${href}: listed after a field that comes later in the form`] : [];
      });
    }),
  );
}
