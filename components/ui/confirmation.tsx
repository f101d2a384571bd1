'use client';

import { useEffect, useRef, useState } from 'react';

type Props = { children: React.ReactNode };

/**
 * What a step just done did ("Published: …"), on the page the step led to. The focus starts
 * here, so a screen reader reads it first and the Tab key goes on from it, rather than from the
 * top of a page the person did not ask to read again.
 *
 * Once another form of the page is sent, that step is behind the person: the confirmation goes,
 * so that a refusal answering the new form is not read beside a success it has nothing to do with.
 * It comes back when the new step leads here again (the same address after a second merge): the
 * page, rendered anew, hands this component new props, while its own state changing keeps them.
 */
export function Confirmation(props: Props) {
  const box = useRef<HTMLParagraphElement>(null);
  const current = useRef(props);
  const [sentSince, setSentSince] = useState<Props | null>(null);
  const shown = sentSince !== props;
  useEffect(() => {
    current.current = props;
  });
  useEffect(() => {
    const sent = (event: Event) => {
      // A form that may ask a question first (signing out with drafts) sends nothing until answered;
      // answered, it leaves the page.
      if (event.target instanceof HTMLFormElement && event.target.dataset.asksFirst !== undefined) return;
      setSentSince(current.current);
    };
    document.addEventListener('submit', sent);
    return () => document.removeEventListener('submit', sent);
  }, []);
  // After every render, not only the first: a second step that leads to the same address renders
  // the page again without mounting this anew, and is confirmed all the same.
  useEffect(() => {
    if (shown) box.current?.focus();
  });
  if (!shown) return null;
  return (
    <p ref={box} role="status" tabIndex={-1} className="rounded border border-green-800 bg-green-50 p-3 text-green-900">
      {props.children}
    </p>
  );
}
