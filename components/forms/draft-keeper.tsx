'use client';

import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { formatDateTime } from '@/lib/dates';
import { OPENED_VALUES_FIELD, parseOpenedValues, restoredDraft } from '@/lib/edit-merge';

/** The browser's copy of a form, kept while it is typed; for a change to a record, the version it was typed against. */
interface Draft {
  savedAt: string;
  values: Record<string, string>;
  baseVersion?: string;
  /** The record's values at that version, as the form showed them (JSON): what a refusal merges with. */
  opened?: string;
  /**
   * The values the server opened the form with when the draft was typed (JSON), for a form that
   * changes a record: for a change revised, the change's, not the record's. Restored, the draft puts
   * back only what was typed over them. (From the server's values, not read from the page: a name
   * box's default value follows what is typed in it.)
   */
  served?: string;
  /**
   * When the form was sent with this draft in it (ISO time): only then may the confirmation forget
   * it, so that a link crafted to look like one (`/editor?submitted=…&draft=sent`) forgets nothing.
   * Typing again (after a refusal) keeps the draft without it.
   */
  sentAt?: string;
}

/** How long after a form was sent its confirmation may forget the draft. */
const SENT_FOR_MS = 5 * 60 * 1000;

/**
 * A record an edit form changes: its id, the version the form was opened on and its values then,
 * and the latest refusal's "someone changed it" (a new object with each refusal; its version and
 * values, when the change was published).
 */
interface EditedRecord {
  recordId: string;
  baseVersion: number;
  opened?: Record<string, string>;
  /** The values the form was opened with (a change revised: the change's). */
  served?: Record<string, string>;
  conflict?: { version?: number; opened?: Record<string, string> };
}

/** A draft offered back, by its name, and the names of those to offer after it. */
interface Offer {
  key: string;
  draft: Draft;
  later: string[];
}

/** The version a change is sent against, and the record's values then (JSON). */
interface Basis {
  version: string;
  opened?: string;
}

const SAVE_PAUSE_MS = 400;

/** Whose drafts these are: each person signed in on a shared browser sees only their own. */
const DraftOwnerContext = createContext<string | null>(null);

/** Set by the signed-in layout to the user's id. */
export function DraftOwner({ id, children }: { id: string; children: React.ReactNode }) {
  return <DraftOwnerContext value={id}>{children}</DraftOwnerContext>;
}

/**
 * Whose drafts a form's are: a new record's per kind of record, a change's per record (a reopened
 * change to a new record: per change). Each tab keeps its own draft of the form under this name
 * (`tabDraftKey`); a draft kept before tabs kept their own bears the bare name.
 */
const draftKey = (owner: string | null, kind: string, id?: string) =>
  `counterweight:draft:${owner ?? 'anyone'}:${kind}${id ? `:${id}` : ''}`;

/** Where a tab notes which of a form's drafts is its own: the tab's storage, which a reload keeps and another tab does not share. */
const TAB_DRAFT = 'counterweight:draft-tab:';

/** This tab's draft of the form whose drafts are named `formKey`, when it has one. */
function tabDraftKey(formKey: string): string | null {
  try {
    const id = sessionStorage.getItem(TAB_DRAFT + formKey);
    return id && /^[a-z0-9]{1,20}$/.test(id) ? `${formKey}#${id}` : null;
  } catch {
    return null;
  }
}

/** Whether `key` is one of the drafts of the form whose drafts are named `formKey`. */
const isDraftOf = (key: string, formKey: string) => key === formKey || key.startsWith(`${formKey}#`);

/** The drafts this browser keeps of one form, each with its name, latest first. */
function draftsOf(formKey: string): { key: string; draft: Draft }[] {
  try {
    return Object.keys(localStorage)
      .filter((key) => isDraftOf(key, formKey))
      .flatMap((key) => {
        const draft = readDraft(key);
        return draft ? [{ key, draft }] : [];
      })
      .sort((a, b) => Date.parse(b.draft.savedAt) - Date.parse(a.draft.savedAt));
  } catch {
    return [];
  }
}

/** A new name for a draft within its form's: letters and digits, unlike any other's. */
const newDraftId = () => Array.from(crypto.getRandomValues(new Uint32Array(2)), (part) => part.toString(36)).join('');

/** A draft's name no other tab holds, for as long as the form is open. */
interface Claim {
  key: string;
  /**
   * The drafts of the same form no open tab holds (a closed tab's, a crashed one's), latest first:
   * held by this tab too while it offers them, so that no other tab offers, restores or discards
   * the same one meanwhile.
   */
  others: string[];
  release: () => void;
}

/**
 * Holds a draft of the form in this tab: the one it held before a reload (its name in the tab's
 * storage), or a new one when there is none or another tab holds it (a duplicated tab brings a
 * copy of the tab's storage along, and takes a new one after a moment's wait). A draft is held
 * through a Web Lock of its name, which the browser lets go of when the tab closes or crashes:
 * what another open tab is typing is never offered here, nor overwritten. Without Web Locks (an
 * address that is not https), no tab knows what another holds: each page takes a new name, and
 * every other draft is offered (its own before a reload among them).
 */
async function claimDraft(formKey: string): Promise<Claim> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const hold = (name: string) =>
    new Promise<(() => void) | null>((resolve) => {
      if (!locks) return resolve(() => {});
      locks
        .request(name, { ifAvailable: true }, (lock) => {
          if (!lock) return resolve(null);
          return new Promise<void>((letGo) => resolve(letGo));
        })
        // Locks refused altogether (a sandboxed frame): as without them.
        .catch(() => resolve(() => {}));
    });
  let key = locks ? tabDraftKey(formKey) : null;
  let release = null;
  // Reloaded, the page that held the tab's draft may let go of it a moment after this one starts.
  for (let tries = 0; key && !release && tries < 3; tries++) {
    if (tries) await new Promise((wait) => setTimeout(wait, 200));
    release = await hold(key);
  }
  while (!key || !release) {
    const id = newDraftId();
    key = `${formKey}#${id}`;
    release = await hold(key);
    try {
      if (release) sessionStorage.setItem(TAB_DRAFT + formKey, id);
    } catch {
      // The tab's storage refused: a reload starts a draft of its own and offers this one back.
    }
  }
  // Each other draft is taken only if no open tab holds it (one typing it, or one offering it),
  // and held while it is offered here.
  const others: string[] = [];
  const releases = [release];
  for (const { key: other } of draftsOf(formKey)) {
    if (other === key) continue;
    const letGo = await hold(other);
    if (!letGo) continue;
    others.push(other);
    releases.push(letGo);
  }
  return { key, others, release: () => releases.forEach((letGo) => letGo()) };
}

/** The event that has every form on the page keep its draft at once, rather than after typing pauses. */
const KEEP_DRAFTS_NOW = 'counterweight:keep-drafts-now';

/** The keys of the drafts this browser keeps for one person, whatever their form, what was just typed included. */
export function ownDraftKeys(owner: string): string[] {
  document.dispatchEvent(new Event(KEEP_DRAFTS_NOW));
  const prefix = draftKey(owner, '');
  try {
    return Object.keys(localStorage).filter((key) => key.startsWith(prefix));
  } catch {
    // Storage switched off: nothing was kept.
    return [];
  }
}

/** A hidden field an edit form sends its basis in (rendered by `DraftKeeper`). */
const hiddenValue = (form: HTMLFormElement, name: string) => {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement ? field.value : undefined;
};

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The form's own fields a person types or chooses: not hidden ones (a version, an action's id), files or passwords. */
function controls(form: HTMLFormElement): Control[] {
  return Array.from(form.elements).filter(
    (element): element is Control =>
      (element instanceof HTMLInputElement &&
        !['hidden', 'file', 'password', 'submit', 'button'].includes(element.type)) ||
      element instanceof HTMLTextAreaElement ||
      element instanceof HTMLSelectElement,
  );
}

/**
 * What the form holds, as the server reads it back (several choices one per line, a ticked box
 * "on"); with `served`, what it held as the server sent it (the fields' default values), before
 * anything was typed.
 */
function readForm(form: HTMLFormElement, { served = false }: { served?: boolean } = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const control of controls(form)) {
    if (!control.name || control.name.startsWith('$')) continue;
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      const ticked = served ? control.defaultChecked : control.checked;
      if (!ticked) continue;
      // One of a group of tick boxes (several choices): the ticked ones' values, one per line.
      if (control.hasAttribute('value')) {
        values[control.name] = values[control.name] ? `${values[control.name]}\n${control.value}` : control.value;
      } else values[control.name] = 'on';
    } else if (control instanceof HTMLSelectElement) {
      const options = Array.from(control.options);
      const marked = options.filter((option) => option.defaultSelected);
      // As served, a single choice shows its last marked option, or its first when none is.
      const chosen = !served
        ? Array.from(control.selectedOptions)
        : control.multiple
          ? marked
          : [marked.at(-1) ?? options[0]];
      const value = chosen.flatMap((option) => (option ? [option.value] : [])).join('\n');
      if (value) values[control.name] = value;
    } else {
      // A text box's served value may keep the CR of a CRLF its value no longer has.
      const value = (served ? control.defaultValue : control.value).replace(/\r\n?/g, '\n');
      if (value) values[control.name] = value;
    }
  }
  return values;
}

/**
 * Puts a draft back into the form as if typed: through the elements' own value setters and input
 * events, so that the controls React keeps the value of (the name boxes) take it too.
 */
function writeForm(form: HTMLFormElement, values: Record<string, string>) {
  for (const control of controls(form)) {
    if (!control.name || control.name.startsWith('$')) continue;
    const value = values[control.name] ?? '';
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      control.checked = control.hasAttribute('value') ? value.split('\n').includes(control.value) : value === 'on';
    } else if (control instanceof HTMLSelectElement && control.multiple) {
      const chosen = value.split('\n');
      for (const option of Array.from(control.options)) option.selected = chosen.includes(option.value);
    } else {
      const prototype = Object.getPrototypeOf(control) as object;
      Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(control, value);
    }
    control.dispatchEvent(new Event('input', { bubbles: true }));
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

/** Whether this page was reached by following a link or typing its address, not by going back or reloading. */
export function openedAfresh(): boolean {
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return !navigation || navigation.type === 'navigate';
}

function readDraft(key: string): Draft | null {
  try {
    const draft = JSON.parse(localStorage.getItem(key) ?? 'null') as Draft | null;
    const valid =
      draft &&
      typeof draft.savedAt === 'string' &&
      !Number.isNaN(Date.parse(draft.savedAt)) &&
      draft.values &&
      typeof draft.values === 'object' &&
      (draft.baseVersion === undefined || /^\d{1,9}$/.test(draft.baseVersion)) &&
      (draft.opened === undefined || parseOpenedValues(draft.opened) !== null) &&
      (draft.sentAt === undefined || typeof draft.sentAt === 'string');
    return valid ? draft : null;
  } catch {
    return null;
  }
}

/**
 * Keeps what is typed into a form in this browser, so that a closed tab, a crash or a lost
 * connection loses nothing: the form offers it back when opened again, and it is forgotten once
 * sent (the confirmation clears it, `ForgetSentDraft`) or typed back to what the form opened with.
 * An older draft waits, untouched, until the person restores or discards it. Nothing leaves the
 * browser.
 *
 * A change to a record (`record`) keeps the version it was typed against, and the form's hidden
 * `baseVersion` field is rendered here. Restored after someone else's change was published, the
 * draft is sent against its older version (through every refusal that is not about the version:
 * a field's problem, an ended session), so the server refuses it as any stale save and shows that
 * change: the draft never overwrites it unseen. Once shown, the form carries the version shown.
 * With the version goes what the record held then (the hidden `openedValues`), so that the refusal
 * can merge the change into the form: fields the person did not touch take the new values.
 */
export function DraftKeeper({
  kind,
  record,
  draftId = record?.recordId,
}: {
  kind: string;
  record?: EditedRecord;
  /** Whose draft this is when not a new record's of this kind: the record's, or the reopened change's. */
  draftId?: string;
}) {
  const formKey = draftKey(useContext(DraftOwnerContext), kind, draftId);
  // The draft this tab keeps, and those of closed tabs it may offer, once claimed.
  const [claim, setClaim] = useState<Omit<Claim, 'release'> | null>(null);
  const key = claim?.key;
  const marker = useRef<HTMLParagraphElement>(null);
  // The draft offered back: this tab's own (a reload), or one a closed tab kept.
  const [waiting, setWaiting] = useState<Offer | null>(null);
  const [said, setSaid] = useState('');
  const waitingRef = useRef<Offer | null>(null);
  const openedVersion = useRef(record && String(record.baseVersion));
  // The basis the form is sent on when it is not the one it opened on: a restored draft's, then,
  // once a refusal has shown the change published since, that change's version and values.
  const [carried, setCarried] = useState<Basis | null>(null);
  const [seenConflict, setSeenConflict] = useState(record?.conflict);
  if (record?.conflict !== seenConflict) {
    setSeenConflict(record?.conflict);
    const { version, opened } = record?.conflict ?? {};
    if (version !== undefined) setCarried({ version: String(version), opened: opened && JSON.stringify(opened) });
  }
  const sent: Basis | undefined =
    record &&
    (carried ?? { version: String(record.baseVersion), opened: record.opened && JSON.stringify(record.opened) });
  const sentVersion = sent?.version;

  useEffect(() => {
    let release: (() => void) | undefined;
    let closed = false;
    void claimDraft(formKey).then(({ release: letGo, ...claimed }) => {
      if (closed) return letGo();
      release = letGo;
      setClaim(claimed);
    });
    return () => {
      closed = true;
      release?.();
      setClaim(null);
    };
  }, [formKey]);

  useEffect(() => {
    const form = marker.current?.closest('form');
    if (!form || !claim) return;
    const { key } = claim;
    // What the form opened with, as the server sent it: empty, or the record as published. A draft
    // equal to it is none, unless it was typed against another version (a browser may refill the
    // fields itself).
    const opened = JSON.stringify(readForm(form, { served: true }));
    const worthOffering = (draft: Draft) =>
      JSON.stringify(draft.values) !== opened ||
      (draft.baseVersion !== undefined && draft.baseVersion !== openedVersion.current);
    // This tab's own draft first; else the latest a closed tab left, the others after it.
    const offers = [key, ...claim.others].flatMap((name) => {
      const draft = readDraft(name);
      if (draft && worthOffering(draft)) return [{ key: name, draft }];
      if (draft) forget(name);
      return [];
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    /**
     * Keeps what the form holds now (none when it holds what it opened with); `sent` when the form
     * is being sent, marked so that the confirmation may forget it. This tab's older draft, still
     * waiting, is left as it is: it was neither typed over nor sent. While a closed tab's is
     * offered, what is typed here is kept as this tab's own.
     */
    const keep = ({ sent }: { sent: boolean }) => {
      if (waitingRef.current?.key === key) return;
      const values = readForm(form);
      if (JSON.stringify(values) === opened) return forget(key);
      // Nothing typed since it was kept (a field's change event as it is left, for the button that
      // withdraws the change): a mark that it was sent stays, for the confirmation to forget it.
      const kept = readDraft(key);
      if (!sent && kept && JSON.stringify(kept.values) === JSON.stringify(values)) return;
      const now = new Date().toISOString();
      writeDraft(key, {
        savedAt: now,
        values,
        baseVersion: hiddenValue(form, 'baseVersion'),
        opened: hiddenValue(form, OPENED_VALUES_FIELD),
        served: record?.served && JSON.stringify(record.served),
        ...(sent && { sentAt: now }),
      });
    };
    let pending = false;
    const save = () => {
      clearTimeout(timer);
      pending = true;
      timer = setTimeout(() => {
        pending = false;
        keep({ sent: false });
      }, SAVE_PAUSE_MS);
    };
    // Asked by the sign-out button before it counts the drafts: what was typed a moment ago counts.
    const keepNow = () => {
      if (!pending) return;
      clearTimeout(timer);
      pending = false;
      keep({ sent: false });
    };
    const [offer, ...later] = offers;
    if (offer) {
      // Offered back, so it was not sent (a send refused leaves the mark): only a send from now on
      // may let a confirmation forget it.
      if (offer.draft.sentAt) writeDraft(offer.key, { ...offer.draft, sentAt: undefined });
      const waiting = { ...offer, later: later.map(({ key }) => key) };
      waitingRef.current = waiting;
      setWaiting(waiting);
    } else {
      // Typed before the page's script ran (a page is usable before then): kept as if typed now
      // (a text area the server filled gets it back first, components/forms/fields.tsx). Only on
      // a page opened afresh: going back or reloading, the browser may put back values of its own
      // (a form already sent, a draft already discarded).
      if (openedAfresh() && JSON.stringify(readForm(form)) !== opened) save();
    }
    const sending = () => {
      clearTimeout(timer);
      keep({ sent: true });
    };
    // A click or a key also changes what a box holds without an input event of its own: a name
    // chosen from the suggestions, "Use Salesforce" under a "did you mean".
    const events = ['input', 'change', 'click', 'keyup'] as const;
    for (const event of events) form.addEventListener(event, save);
    form.addEventListener('submit', sending);
    document.addEventListener(KEEP_DRAFTS_NOW, keepNow);
    return () => {
      clearTimeout(timer);
      for (const event of events) form.removeEventListener(event, save);
      form.removeEventListener('submit', sending);
      document.removeEventListener(KEEP_DRAFTS_NOW, keepNow);
    };
  }, [claim]);

  // A refusal that showed another person's change moves the form to that version: so does the draft,
  // with what the form holds now (merged with that change).
  const sentOpened = sent?.opened;
  useEffect(() => {
    if (!key || !sentVersion || waitingRef.current) return;
    const kept = readDraft(key);
    if (!kept || kept.baseVersion === sentVersion) return;
    const form = marker.current?.closest('form');
    writeDraft(key, {
      ...kept,
      values: form ? readForm(form) : kept.values,
      baseVersion: sentVersion,
      opened: sentOpened,
      // Refused, so not sent.
      sentAt: undefined,
    });
  }, [key, sentVersion, sentOpened]);

  const settle = (restore: boolean) => {
    const form = marker.current?.closest('form');
    const offer = waitingRef.current;
    waitingRef.current = null;
    setWaiting(null);
    if (!form || !offer || !key) return;
    const { draft } = offer;
    if (restore) {
      // A closed tab's draft becomes this tab's: kept here at once, and no longer offered elsewhere.
      // What this tab kept of its own meanwhile is not thrown away: kept apart, offered next time.
      let keptApart = false;
      if (offer.key !== key) {
        const typedHere = readDraft(key);
        if (typedHere) {
          writeDraft(`${formKey}#${newDraftId()}`, { ...typedHere, sentAt: undefined });
          keptApart = true;
        }
        writeDraft(key, { ...draft, sentAt: undefined });
        forget(offer.key);
      }
      // Over what the form holds now, when the draft knows what its form opened with (else the
      // record's values): a field it did not touch keeps the form's value (a revision of the change
      // sent from another tab since). A new record's draft is put back whole.
      const opened = parseOpenedValues(draft.served ?? '') ?? (draft.opened ? parseOpenedValues(draft.opened) : null);
      writeForm(form, opened ? restoredDraft({ draft: draft.values, opened, form: readForm(form) }) : draft.values);
      if (record && draft.baseVersion) setCarried({ version: draft.baseVersion, opened: draft.opened });
      setSaid(
        keptApart
          ? 'Your draft is back in the form: what it changed, over what the form held. What you had typed here is also kept as another draft, offered when this form is next opened. Nothing is sent until you send it.'
          : 'Your draft is back in the form: what it changed, over what the form held. Nothing is sent until you send it.',
      );
    } else {
      forget(offer.key);
      // Another closed tab's draft of the form, still kept, is offered next.
      const [next, ...later] = offer.later.flatMap((name) => {
        const kept = readDraft(name);
        return kept ? [{ key: name, draft: kept }] : [];
      });
      if (next) {
        const waiting = { ...next, later: later.map(({ key }) => key) };
        waitingRef.current = waiting;
        setWaiting(waiting);
        setSaid('Draft discarded. This browser kept another draft of this form: it is offered in its place.');
        return;
      }
      setSaid('Draft discarded.');
    }
    // The buttons leave with the notice: focus goes on to the form's first field, not to the page's start.
    form.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
  };

  return (
    <>
      {/* Mounted afresh with each version: React resets a form after its action, to the fields' first values. */}
      {sent && <input key={sent.version} type="hidden" name="baseVersion" defaultValue={sent.version} />}
      {sent?.opened && (
        <input key={`opened-${sent.version}`} type="hidden" name={OPENED_VALUES_FIELD} defaultValue={sent.opened} />
      )}
      <p ref={marker} role="status" className="sr-only">
        {said}
      </p>
      {waiting && (
        <div className="rounded border border-amber-700 bg-amber-50 p-3 text-sm text-amber-950">
          <p>
            This browser kept a draft of this form you had not sent, from{' '}
            {formatDateTime(new Date(waiting.draft.savedAt))}.
            {waiting.later.length > 0 &&
              ` ${waiting.later.length === 1 ? 'One more draft of this form waits' : `${waiting.later.length} more drafts of this form wait`} after it.`}
          </p>
          {record && waiting.draft.baseVersion && waiting.draft.baseVersion !== String(record.baseVersion) && (
            <p className="mt-1">
              The record has changed since (version {waiting.draft.baseVersion} then, {record.baseVersion} now).
              Restored and sent, the draft is first shown next to that change: nothing is overwritten unseen.
            </p>
          )}
          <div className="mt-2 flex flex-wrap gap-3">
            <button
              type="button"
              onClick={() => settle(true)}
              className="rounded bg-stone-800 px-3 py-1.5 text-white hover:bg-stone-700"
            >
              Restore the draft
            </button>
            <button
              type="button"
              onClick={() => settle(false)}
              className="rounded border border-stone-500 bg-white px-3 py-1.5 hover:bg-stone-100"
            >
              Discard it
            </button>
          </div>
        </div>
      )}
    </>
  );
}

/** A form's first field a person fills in. */
const FIRST_FIELD = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * On the confirmation of a sent form: its draft is sent, so the browser forgets it; only a draft
 * marked sent a moment ago (a link made to look like a confirmation forgets nothing).
 */
export function ForgetSentDraft({ kind, draftId }: { kind: string; draftId?: string }) {
  const formKey = draftKey(useContext(DraftOwnerContext), kind, draftId);
  useEffect(() => {
    // This tab's draft of the form: the one it sent.
    const key = tabDraftKey(formKey);
    const sentAt = key && readDraft(key)?.sentAt;
    const age = sentAt ? Date.now() - Date.parse(sentAt) : NaN;
    if (key && age >= 0 && age < SENT_FOR_MS) forget(key);
  }, [formKey]);
  return null;
}

/**
 * For a form that sends a draft's fate from elsewhere (withdrawing a change takes its draft
 * along): marks the draft of that form sent, for the confirmation to forget it.
 */
export function useMarkDraftSent(kind: string, draftId?: string): () => void {
  const formKey = draftKey(useContext(DraftOwnerContext), kind, draftId);
  return () => {
    const key = tabDraftKey(formKey);
    const draft = key ? readDraft(key) : null;
    if (key && draft) writeDraft(key, { ...draft, sentAt: new Date().toISOString() });
  };
}

function writeDraft(key: string, draft: Draft) {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or refused (a private window): the form works as it always did.
  }
}

function forget(key: string) {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing was kept.
  }
}
