'use client';

import { useEffect, useId, useRef, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';
import { SERVED_AGAIN } from '../ui/filters-as-served';
import type { NameKind, NameSuggestion } from '@/lib/name-suggestions';
import { namesList } from '@/lib/text';

/** How long typing pauses before the box asks for suggestions. */
const PAUSE_MS = 150;
const WHAT: Record<NameKind, [string, string]> = {
  companies: ['company', 'companies'],
  organizations: ['organization', 'organizations'],
};

/**
 * A text box for a company's or an organisation's name that offers the records named like what is
 * typed (names, other names and acronyms, typos forgiven; /suggestions/<kind>), as an ARIA
 * combobox: arrows to move, Enter to choose, Escape to close. Choosing puts the name in the box,
 * or does what `onChoose` says. What is typed is sent as typed when nothing is chosen, and the box
 * is a plain text box until the page's scripts run, so every form it is in works without them.
 */
export function NameCombobox({
  kind,
  defaultValue = '',
  exclude = [],
  excludedAs = 'already chosen',
  onChoose,
  enterSends = true,
  ...input
}: {
  kind: NameKind;
  defaultValue?: string;
  /** Slugs not to offer (those already chosen). */
  exclude?: string[];
  /** What the names not offered are, said after those offered: "already compared". */
  excludedAs?: string;
  /** Instead of filling the box; return true to empty it. */
  onChoose?: (choice: NameSuggestion) => boolean;
  /**
   * Whether Enter sends the form while names are offered and none is picked (a search box). In a
   * long form it only closes the list: a half-filled form is not sent by a key meant for the list.
   */
  enterSends?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onChange' | 'onKeyDown' | 'role'>) {
  const listId = useId();
  const [text, setText] = useState(defaultValue);
  const [options, setOptions] = useState<NameSuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; controller: AbortController } | null>(null);
  const box = useRef<HTMLInputElement>(null);
  const [one, many] = WHAT[kind];

  const cancel = () => {
    if (!pending.current) return;
    clearTimeout(pending.current.timer);
    pending.current.controller.abort();
    pending.current = null;
  };
  // Nothing answers into a box that is gone.
  useEffect(() => () => pending.current?.controller.abort(), []);

  const suggest = (typed: string) => {
    cancel();
    const name = typed.trim();
    if (!name) {
      setOptions([]);
      setOpen(false);
      setAnnouncement('');
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/suggestions/${kind}?q=${encodeURIComponent(name)}`, {
          signal: controller.signal,
        });
        if (!response.ok) return;
        const { names } = (await response.json()) as { names: NameSuggestion[] };
        const fresh = names.filter((option) => !exclude.includes(option.slug));
        const left = names.filter((option) => exclude.includes(option.slug)).map((option) => option.name);
        // "Amazon" typed, with Amazon compared already: said, not left to be wondered at.
        const leftNote = left.length ? ` ${namesList(left)} ${left.length === 1 ? 'is' : 'are'} ${excludedAs}.` : '';
        setOptions(fresh);
        setActive(-1);
        // An answer that comes after the person moved on neither covers the fields below the box
        // nor speaks over the field they are in.
        const here = document.activeElement === box.current;
        setOpen(here);
        if (!here) return;
        setAnnouncement(
          fresh.length === 0
            ? `No other ${one} on record is like “${name}”.${leftNote}`
            : `${fresh.length === 1 ? `1 ${one}` : `${fresh.length} ${many}`} like “${name}”: use the arrow keys to choose.${leftNote}`,
        );
      } catch {
        // Aborted by the next keystroke, or the network is gone: what is typed is sent as typed.
      }
    }, PAUSE_MS);
    pending.current = { timer, controller };
  };

  const choose = (choice: NameSuggestion) => {
    cancel();
    setOptions([]);
    setOpen(false);
    setAnnouncement(`${choice.name} chosen.`);
    if (!onChoose) setText(choice.name);
    else if (onChoose(choice)) setText('');
  };

  /** The name offered that is what is typed (its name or the other name it was found by), whatever its case. */
  const exactOption = () =>
    options.find((option) =>
      [option.name, option.also].some((name) => name?.toLowerCase() === text.trim().toLowerCase()),
    );

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
      // Chooses instead of submitting the form.
      event.preventDefault();
      const choice = options[active];
      if (choice) choose(choice);
    } else if (event.key === 'Enter' && shown && (onChoose || !enterSends) && exactOption()) {
      // The name typed in full, offered below: chosen as if picked (a search box still searches).
      event.preventDefault();
      choose(exactOption() as NameSuggestion);
    } else if (event.key === 'Enter' && shown && !enterSends) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
      setAnnouncement(`“${text.trim()}” kept as typed.`);
    } else if (event.key === 'Escape' && shown) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  // What was typed before the page's scripts ran is in the box but not in its state: React keeps
  // the box's text when it takes the page over, but nothing tells the state. Taken over here, and
  // names offered for it as for any typing, so a quick typist on a slow phone loses neither.
  useEffect(() => {
    const typed = box.current?.value ?? '';
    if (typed === text) return;
    setText(typed);
    if (document.activeElement === box.current) suggest(typed);
    // Once, as the scripts start: later typing goes through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Its form put back as served (a list shown again by Back, components/ui/filters-as-served.tsx):
  // the box's text is state here, which a form's reset does not reach.
  useEffect(() => {
    const form = box.current?.form;
    if (!form) return;
    const reset = () => {
      cancel();
      setText(defaultValue);
      setOptions([]);
      setOpen(false);
    };
    form.addEventListener(SERVED_AGAIN, reset);
    return () => form.removeEventListener(SERVED_AGAIN, reset);
  }, [defaultValue]);

  const expanded = open && options.length > 0;
  // The option the arrows reach is scrolled into sight: on a phone the list can run past the screen's
  // foot, and the arrows, kept for the list, no longer scroll the page.
  useEffect(() => {
    if (expanded && active >= 0) document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [expanded, active, listId]);
  return (
    <div className="relative">
      <input
        {...input}
        ref={box}
        value={text}
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
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={`${many[0]?.toUpperCase()}${many.slice(1)} on record`}
        hidden={!expanded}
        className="absolute top-full right-0 left-0 z-10 mt-1 overflow-hidden rounded border border-stone-400 bg-white shadow-lg"
      >
        {options.map((option, index) => (
          <li
            key={option.slug}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            // Keeps the focus in the box, so the click lands before the list closes on blur.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
            className={`cursor-pointer px-3 py-2 ${index === active ? 'bg-stone-800 text-white' : 'hover:bg-stone-100'}`}
          >
            {option.name}
            {option.also && (
              <span className={index === active ? 'text-stone-200' : 'text-stone-700'}> ({option.also})</span>
            )}
          </li>
        ))}
      </ul>
      <p role="status" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
