'use client';

import { useEffect } from 'react';

/**
 * On a phone the main menu is one line that scrolls sideways. A link reached with Tab that is already
 * partly in view is left where it is by the browser, cut off at the edge or under the fade; it is
 * brought wholly into view, short of the fade (the menu's scroll padding), as the focus reaches it.
 */
export function NavFocus() {
  useEffect(() => {
    const nav = document.querySelector<HTMLElement>('nav[aria-label="Main"]');
    if (!nav) return;
    // The page's own section in view, short of the fade, when the menu scrolls (without moving the page).
    const current = nav.querySelector<HTMLElement>('a[aria-current]');
    if (current && nav.scrollWidth > nav.clientWidth) {
      const padding = parseFloat(getComputedStyle(nav).scrollPaddingRight) || 0;
      const overflow = current.getBoundingClientRect().right - (nav.getBoundingClientRect().right - padding);
      if (overflow > 0) nav.scrollLeft += Math.ceil(overflow);
    }
    const reveal = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement) event.target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    };
    nav.addEventListener('focusin', reveal);
    return () => nav.removeEventListener('focusin', reveal);
  }, []);
  return null;
}
