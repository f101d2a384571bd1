'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { compareAddress, type ComparisonView } from '@/lib/compare-address';

interface Suggestion {
  slug: string;
  name: string;
  matched: string;
}

/** How long typing pauses before the picker asks for suggestions. */
const PAUSE_MS = 150;

/**
 * The compare page's "Add a company" box. Without JavaScript it is a plain form: Find lists the
 * companies like the name on the page itself. With it, the box is a combobox that offers those
 * companies while the visitor types (arrows to move, Enter to add, Escape to close), fetched from
 * /compare/suggestions; Find still works as before.
 */
export function CompanyPicker({
  view,
  defaultValue,
  full,
  limit,
}: {
  view: ComparisonView;
  defaultValue: string;
  /** The comparison already has as many companies as it can. */
  full: boolean;
  limit: number;
}) {
  const router = useRouter();
  const listId = useId();
  const [text, setText] = useState(defaultValue);
  const [options, setOptions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; controller: AbortController } | null>(null);

  const cancel = () => {
    if (!pending.current) return;
    clearTimeout(pending.current.timer);
    pending.current.controller.abort();
    pending.current = null;
  };
  // Nothing answers into a picker that is gone.
  useEffect(() => () => pending.current?.controller.abort(), []);

  const suggest = (text: string) => {
    cancel();
    const name = text.trim();
    if (!name) {
      setOptions([]);
      setOpen(false);
      setAnnouncement('');
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/compare/suggestions?q=${encodeURIComponent(name)}`, {
          signal: controller.signal,
        });
        if (!response.ok) return;
        const { companies } = (await response.json()) as { companies: Suggestion[] };
        const fresh = companies.filter((company) => !view.companies.includes(company.slug));
        setOptions(fresh);
        setActive(-1);
        setOpen(true);
        setAnnouncement(
          fresh.length === 0
            ? `No other company is like “${name}”.`
            : `${fresh.length === 1 ? '1 company' : `${fresh.length} companies`} like “${name}”: use the arrow keys to choose.`,
        );
      } catch {
        // Aborted by the next keystroke, or the network is gone: Find still searches.
      }
    }, PAUSE_MS);
    pending.current = { timer, controller };
  };

  const choose = (company: Suggestion) => {
    cancel();
    setText('');
    setOptions([]);
    setOpen(false);
    setAnnouncement(`Adding ${company.name}.`);
    router.push(compareAddress({ ...view, companies: [...view.companies, company.slug] }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const shown = open ? options.length : 0;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!options.length) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) =>
        shown ? (current + step + options.length) % options.length : step > 0 ? 0 : options.length - 1,
      );
    } else if (event.key === 'Enter' && shown && active >= 0) {
      event.preventDefault();
      const company = options[active];
      if (company) choose(company);
    } else if (event.key === 'Escape' && shown) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const expanded = open && options.length > 0;
  return (
    <form method="get" action="/compare" className="flex flex-wrap items-end gap-3 print:hidden">
      {view.companies.length > 0 && <input type="hidden" name="companies" value={view.companies.join(',')} />}
      {view.includeSubsidiaries && <input type="hidden" name="subsidiaries" value="1" />}
      {view.perYear && <input type="hidden" name="per" value="year" />}
      <div className="relative flex w-full max-w-sm flex-col gap-1">
        <label htmlFor={`${listId}-input`} className="text-stone-700">
          {full ? `Already ${limit} companies: remove one to add another` : 'Add a company'}
        </label>
        <input
          id={`${listId}-input`}
          name="add"
          value={text}
          maxLength={100}
          disabled={full}
          placeholder="A company’s name"
          autoComplete="off"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          onChange={(event) => {
            setText(event.target.value);
            suggest(event.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => options.length > 0 && setOpen(true)}
          className="rounded border border-stone-400 bg-white px-3 py-2"
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Companies to add"
          hidden={!expanded}
          className="absolute top-full right-0 left-0 z-10 mt-1 overflow-hidden rounded border border-stone-400 bg-white shadow-lg"
        >
          {options.map((company, index) => (
            <li
              key={company.slug}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              // Keeps the focus in the box, so the click lands before the list closes on blur.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(company)}
              className={`cursor-pointer px-3 py-2 ${index === active ? 'bg-stone-800 text-white' : 'hover:bg-stone-100'}`}
            >
              {company.name}
              {company.matched.toLowerCase() !== company.name.toLowerCase() && (
                <span className={index === active ? 'text-stone-200' : 'text-stone-700'}>
                  {' '}
                  (also “{company.matched}”)
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
      <button
        type="submit"
        disabled={full}
        className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-700 disabled:bg-stone-400"
      >
        Find
      </button>
      <p role="status" className="sr-only">
        {announcement}
      </p>
    </form>
  );
}
