'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * Content wider than a phone (a table, a chart, an example): it scrolls sideways, and a keyboard
 * can reach it to scroll it. Where it fits (a desktop) it is no stop for the Tab key; before the
 * page's scripts run it is one, so a keyboard can always scroll it.
 *
 * `tall` keeps a long table within the screen's height, scrolling downwards too, so that a header
 * row kept at its top (position: sticky) stays in view over every row.
 *
 * `startAtEnd` shows the right-hand end first (a chart's latest years), without a script: the box
 * reads right to left, so it starts scrolled to its right edge and scrolls leftwards. Its child
 * must be a block that sets the direction back (`[direction:ltr]`), so that its own text reads as
 * before and it overflows to the left, where the box can scroll to.
 *
 * A link or button reached with Tab is brought wholly into view: the browser scrolls the box only
 * until an edge of it shows, which can leave it under a column kept in place at the row's start
 * (the compare table's measures) or cut off at the other side. One wider than the view shows its start.
 */
export function ScrollRegion({
  label,
  startAtEnd = false,
  tall = false,
  children,
}: {
  label: string;
  startAtEnd?: boolean;
  tall?: boolean;
  children: React.ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(true);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () =>
      setScrolls(element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    const reveal = (event: FocusEvent) => {
      // Only a focus the keyboard moved: a click focuses a link on the press, and a scroll then
      // would move it from under the pointer before the release.
      if (!(event.target instanceof HTMLElement) || event.target === element || !event.target.matches(':focus-visible'))
        return;
      const view = element.getBoundingClientRect();
      const cell = event.target.closest('th, td');
      // A cell of the same row kept at the start (position: sticky) covers what scrolls under it.
      const stuck = [...(cell?.parentElement?.children ?? [])].find(
        (other) => other !== cell && getComputedStyle(other).position === 'sticky',
      );
      const start = stuck ? stuck.getBoundingClientRect().right : view.left;
      const end = element.clientWidth + view.left;
      const target = event.target.getBoundingClientRect();
      const margin = 8;
      // The focus ring is drawn outside the link (3 px and 2 px apart): in view with it.
      const ring = 5;
      if (target.left - ring < start) element.scrollBy({ left: target.left - start - margin });
      else if (target.right + ring > end)
        element.scrollBy({ left: Math.min(target.right - end + margin, target.left - start - margin) });
    };
    element.addEventListener('focusin', reveal);
    return () => {
      observer.disconnect();
      element.removeEventListener('focusin', reveal);
    };
  }, []);
  return (
    <div
      ref={box}
      // Room inside its edges for the focus ring of a link in its first or last column (3 px and 2 px
      // apart, drawn outside the link), which the box would otherwise cut off; its content stays in line.
      // Positioned, so that what is placed inside it (a screen reader's text, kept out of view) is
      // inside its scrolling too, not wider than the page.
      className={`scroll-shadows relative -mx-[5px] overflow-x-auto px-[5px] ${startAtEnd ? '[direction:rtl]' : ''} ${tall ? 'max-h-[85vh] overflow-y-auto print:max-h-none' : ''}`}
      role="region"
      aria-label={label}
      tabIndex={scrolls ? 0 : undefined}
    >
      {children}
    </div>
  );
}
