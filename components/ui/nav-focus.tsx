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
    // The page's own section in view, clear of both fades (the menu's scroll padding), when the menu
    // scrolls (without moving the page); where the menu shows less than the link, its start.
    const current = nav.querySelector<HTMLElement>('a[aria-current]');
    if (current && nav.scrollWidth > nav.clientWidth) {
      const style = getComputedStyle(nav);
      const box = nav.getBoundingClientRect();
      const link = current.getBoundingClientRect();
      const overflow = link.right - (box.right - (parseFloat(style.scrollPaddingRight) || 0));
      const room = link.left - (box.left + (parseFloat(style.scrollPaddingLeft) || 0));
      if (overflow > 0) nav.scrollLeft += Math.ceil(Math.min(overflow, room));
    }
    const reveal = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement) event.target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    };
    nav.addEventListener('focusin', reveal);
    return () => nav.removeEventListener('focusin', reveal);
  }, []);
  return null;
}
