'use client';

import { useEffect } from 'react';

/** How often at most a page renews the session while it stays open. */
const RENEW_EVERY_MS = 5 * 60 * 1000;

/** What counts as someone working on the page (a form's redirect does not load a new one). */
const ACTIVITY = ['visibilitychange', 'pointerdown', 'keydown'] as const;

/**
 * Keeps a signed-in person's session going while they work: a session lasts eight hours from its
 * last visit (lib/auth/index.ts), and a page cannot give its cookie a new life, so each page of
 * the editors' area (app/(editor)/layout.tsx) asks Auth.js's session address, which does, when it
 * opens and, while it stays open, when it is used (a click, a key, the tab come back to; at most
 * every five minutes). A tab left open and untouched does not keep it going, and nothing goes
 * beyond the seven days from sign-in that end a session however busy it is. Without scripts a
 * session ends eight hours after sign-in; what was typed is kept.
 */
export function SessionRenewal() {
  useEffect(() => {
    let renewedAt = 0;
    const renew = () => {
      if (document.visibilityState !== 'visible' || Date.now() - renewedAt < RENEW_EVERY_MS) return;
      renewedAt = Date.now();
      // Nothing to do with the answer: a session that has ended is found by the next page or form.
      fetch('/api/auth/session', { cache: 'no-store', credentials: 'same-origin' }).catch(() => {});
    };
    renew();
    for (const event of ACTIVITY) document.addEventListener(event, renew, { passive: true });
    return () => {
      for (const event of ACTIVITY) document.removeEventListener(event, renew);
    };
  }, []);
  return null;
}
