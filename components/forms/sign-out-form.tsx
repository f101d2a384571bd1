'use client';

import { useEffect, useRef, useState } from 'react';
import { ownDraftKeys } from './draft-keeper';

/**
 * The sign-out button. When this browser keeps drafts of forms its user has not sent, it first
 * says so and asks whether to keep them (for next time here) or remove them (a shared computer:
 * whoever uses it next could read them), or to stay (Escape too). Without the page's script it
 * signs out at once.
 */
export function SignOutForm({ action, owner }: { action: () => Promise<void>; owner: string }) {
  const [drafts, setDrafts] = useState<string[] | null>(null);
  const decided = useRef(false);
  const question = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // The question takes the focus; staying signed in gives it back to the button.
  useEffect(() => {
    if (drafts) question.current?.focus();
    else if (asked.current) button.current?.focus();
    asked.current = drafts !== null;
  }, [drafts]);

  const count = drafts?.length ?? 0;
  return (
    <form
      action={action}
      className="ml-auto"
      // It may ask first (keep the drafts?), and be cancelled: a page's confirmation stays meanwhile.
      data-asks-first=""
      onSubmit={(event) => {
        if (decided.current) return;
        const kept = ownDraftKeys(owner);
        if (kept.length === 0) return;
        event.preventDefault();
        setDrafts(kept);
      }}
    >
      {drafts ? (
        <div
          ref={question}
          tabIndex={-1}
          role="group"
          aria-labelledby="sign-out-drafts"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setDrafts(null);
          }}
          className="flex flex-wrap items-center gap-3 rounded border border-amber-700 bg-amber-50 p-2"
        >
          <p id="sign-out-drafts">
            This browser keeps {count === 1 ? 'a draft' : `${count} drafts`} you have not sent. Whoever uses it next
            could read {count === 1 ? 'it' : 'them'}.
          </p>
          {([false, true] as const).map((remove) => (
            <button
              key={String(remove)}
              type="submit"
              className="py-2 underline"
              onClick={() => {
                decided.current = true;
                if (remove) for (const key of drafts) localStorage.removeItem(key);
              }}
            >
              {remove ? 'Sign out and remove' : 'Sign out, keep'} {count === 1 ? 'it' : 'them'}
            </button>
          ))}
          <button type="button" className="py-2 underline" onClick={() => setDrafts(null)}>
            Stay signed in
          </button>
        </div>
      ) : (
        <button ref={button} type="submit" className="py-2 underline">
          Sign out
        </button>
      )}
    </form>
  );
}
