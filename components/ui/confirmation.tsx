'use client';

import { useEffect, useRef } from 'react';

/**
 * What a step just done did ("Published: …"), on the page the step led to. The focus starts
 * here, so a screen reader reads it first and the Tab key goes on from it, rather than from the
 * top of a page the person did not ask to read again.
 */
export function Confirmation({ children }: { children: React.ReactNode }) {
  const box = useRef<HTMLParagraphElement>(null);
  // After every render, not only the first: a second step that leads to the same address (a second
  // merge) renders the page again without mounting this anew, and is confirmed all the same.
  useEffect(() => {
    box.current?.focus();
  });
  return (
    <p ref={box} role="status" tabIndex={-1} className="rounded border border-green-800 bg-green-50 p-3 text-green-900">
      {children}
    </p>
  );
}
