'use client';

import { useEffect } from 'react';

/**
 * A printed page shows what its closed <details data-print="open"> hold (a chart's figures as a table): they are
 * opened for printing and closed again after, as they were.
 */
export function PrintDetails() {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      opened = [...document.querySelectorAll('details[data-print="open"]:not([open])')] as HTMLDetailsElement[];
      for (const details of opened) details.open = true;
    };
    const after = () => {
      for (const details of opened) details.open = false;
      opened = [];
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return null;
}
