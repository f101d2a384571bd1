'use client';

import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { useFormStatus } from 'react-dom';
import { formatDateTime } from '@/lib/dates';
import { fieldLabel } from '@/lib/labels';
import type { MergePreview } from '@/lib/data/admin';
import type { NameChoices, NameKind } from '@/lib/name-suggestions';
import { openedAfresh } from './draft-keeper';
import { NameCombobox } from './name-combobox';

export interface FormState {
  message?: string;
  fields?: Record<string, string[]>;
  /** What the person typed, given back so nothing is lost when the form is refused. */
  values?: Record<string, string>;
  /**
   * What another person changed meanwhile; `version` is the record's version now, which the next
   * save is made against, and `opened` its values as the form shows them (what the form is now based on).
   */
  conflict?: {
    by: string;
    at: string;
    summary: string;
    version?: number;
    opened?: Record<string, string>;
    /** The change published meanwhile is the person's own (another of theirs): said so, not as someone else's. */
    own?: boolean;
    /** How many changes came before that one since the form's version: the fields hold the record's values, not theirs alone. */
    earlier?: number;
  };
  /**
   * That change merged with what was typed (lib/edit-merge.ts): the fields that now hold its values,
   * and those both changed, with its value of each.
   */
  merge?: { taken: string[]; clashes: Record<string, string> };
  /** The records each "did you mean" means (field -> names typed there), offered next to the field. */
  choices?: Record<string, NameChoices[]>;
  /** A change that cannot be undone, described for a second look before it is made (with what was typed in `values`). */
  confirm?: MergePreview;
  /** Refused because the session has ended: the message leads to the sign-in page, in a new tab, so that this one keeps what was typed. */
  signIn?: true;
  /** A page to go on to from a refusal (where to make the change instead), opened in a new tab for the same reason. */
  next?: { href: string; text: string };
}

const inputClass =
  'w-full rounded border border-stone-500 bg-white px-3 py-2 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700';

function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={`${id}-error`} className="mt-1 text-sm text-red-800">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

interface FieldProps {
  name: string;
  /**
   * The most characters the field takes (as the server counts them: spaces around left out, a line
   * break one character). Past
   * it the field says by how much as the person types; what is typed or pasted is never cut (a
   * maxlength would drop a paste's end without a word), and the server refuses it if sent.
   */
  maxLength?: number;
  /** The control's id, when the same field appears in several forms of one page (defaults to the name). */
  id?: string;
  label: string;
  state: FormState;
  /** Said under the label; may hold a link (read with the field by a screen reader, as its description). */
  hint?: React.ReactNode;
  required?: boolean;
}

/** A name chosen from a "did you mean", put in the field in place of what was typed. */
interface Filled {
  value: string;
  /** The names typed that were replaced. */
  replaced: string[];
  /** The form state it was chosen in: a new answer from the server starts again from what it sends. */
  state: FormState;
}

/** A field's label, hint and errors around its control, with the ids that tie them together. */
function Field({
  name,
  id = name,
  label,
  state,
  hint,
  required,
  maxLength,
  describe = (value) => value.trim(),
  group = false,
  children,
}: FieldProps & {
  children: (props: ControlProps, filled?: string) => React.ReactNode;
  /** A value as the person reads it (a choice's label rather than its code). */
  describe?: (value: string) => string;
  /** Several controls (a group of tick boxes): a fieldset named by its legend, which problems lead to. */
  group?: boolean;
}) {
  const measured = useLengthOver(id, maxLength, state);
  const over = measured ?? 0;
  // Once the page's script measures the text, the count below says whether it is too long, and by how
  // much: the server's own length message, said of the text as it was sent, is left out (not said
  // twice while it is over, nor still said once it is shortened).
  const errors =
    measured !== null && maxLength !== undefined
      ? state.fields?.[name]?.filter((error) => !error.includes(`at most ${count(maxLength)} characters`))
      : state.fields?.[name];
  const theirs = state.merge?.clashes[name];
  const theirText = theirs === undefined ? '' : describe(theirs);
  const own = state.conflict?.own === true;
  const theirValue = theirText ? `\u201c${theirText}\u201d` : 'nothing';
  const notice =
    theirs !== undefined
      ? own
        ? `Your published change set this to ${theirValue}. What this form holds is kept here: keep it or put the published value in its place, then save again.`
        : `${state.conflict?.by ?? 'They'} changed this too, to ${theirValue}. Yours is kept here: keep it or put theirs in its place, then save again.`
      : state.merge?.taken.includes(name)
        ? own
          ? 'Changed by your published change since you opened the form (you had not changed it here): its value is here now.'
          : `Changed by ${state.conflict?.by ?? 'someone'} since you opened the form (you had not changed it): their value is here now.`
        : undefined;
  const [chosen, setChosen] = useState<Filled | null>(null);
  const filled = chosen?.state === state ? chosen : null;
  const choices = state.choices?.[name]?.filter((choice) => !filled?.replaced.includes(choice.typed));
  const describedBy =
    [
      hint ? `${id}-hint` : null,
      errors?.length ? `${id}-error` : null,
      notice ? `${id}-notice` : null,
      over ? `${id}-length` : null,
    ]
      .filter(Boolean)
      .join(' ') || undefined;
  useEffect(() => {
    if (filled) document.getElementById(id)?.focus();
  }, [filled, id]);

  const fill = (typed: string, known: string) => {
    const control = document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null;
    const current = control?.value ?? '';
    // In a list of names (one per line) only the line typed is replaced.
    const value =
      control instanceof HTMLTextAreaElement
        ? current
            .split('\n')
            .map((line) => (line.trim().toLowerCase() === typed.trim().toLowerCase() ? known : line))
            .join('\n')
        : known;
    // A line the person has changed meanwhile is theirs: nothing is replaced, and nothing said.
    if (value === current) return;
    setChosen({ value, replaced: [...(filled?.replaced ?? []), typed], state });
  };

  const caption = (
    <>
      {label}
      {/* Seen, not read out as "star": a box says it is required itself, a group of boxes in words. */}
      {required && (
        <span className="text-red-800" aria-hidden="true">
          {' '}
          *
        </span>
      )}
      {required && group && <span className="sr-only"> (required)</span>}
    </>
  );
  const Whole = group ? 'fieldset' : 'div';
  return (
    <Whole
      {...(group
        ? {
            id,
            tabIndex: -1,
            'aria-describedby': describedBy,
            'aria-invalid': errors?.length || theirs !== undefined ? true : undefined,
          }
        : {})}
    >
      {group ? (
        <legend className="block font-medium">{caption}</legend>
      ) : (
        <label htmlFor={id} className="block font-medium">
          {caption}
        </label>
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-stone-700">
          {hint}
        </p>
      )}
      {/* Mounted again with the chosen name, or the value a merge put here, since a name box's typed value is its own. */}
      <Fragment
        key={filled?.value ?? (state.merge?.taken.includes(name) ? `merged:${state.values?.[name] ?? ''}` : '')}
      >
        {children(
          {
            id,
            name,
            required,
            'aria-invalid': errors?.length || theirs !== undefined || over > 0 ? true : undefined,
            'aria-describedby': describedBy,
            className: inputClass,
          },
          filled?.value,
        )}
      </Fragment>
      <FieldErrors id={id} errors={errors} />
      {maxLength !== undefined && (
        <>
          <p id={`${id}-length`} className="text-sm text-red-800 empty:hidden">
            {over ? overMessage(over, maxLength) : ''}
          </p>
          {/* Always there, so that a screen reader hears it once when the text runs past, not at every key. */}
          <p className="sr-only" aria-live="polite">
            {over ? `Too long: this takes at most ${count(maxLength)} characters.` : ''}
          </p>
        </>
      )}
      {notice && (
        <p id={`${id}-notice`} className={`mt-1 text-sm ${theirs === undefined ? 'text-amber-900' : 'text-red-800'}`}>
          {notice}
        </p>
      )}
      {choices?.length ? <NameChoiceList choices={choices} onFill={fill} /> : null}
      {state.choices?.[name] && (
        <p role="status" className="text-sm text-stone-700">
          {filled ? 'The name on record is in the box now: send the form again to use it.' : ''}
        </p>
      )}
    </Whole>
  );
}

/**
 * How many characters the field `id` holds past `max` (0 when within it), as it is typed into, and
 * as it was given back (measured again with each state the form is answered with, `given`) or put
 * back from a draft; null until the page's script has measured it, and without a maximum.
 */
function useLengthOver(id: string, max: number | undefined, given: unknown): number | null {
  const [over, setOver] = useState<number | null>(null);
  useEffect(() => {
    if (max === undefined) return;
    const measure = () => {
      const control = document.getElementById(id);
      const value = control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement ? control.value : '';
      setOver(Math.max(0, value.trim().length - max));
    };
    measure();
    // Listened for on the document: the control is mounted again when a name is chosen for it.
    const measureIfOurs = (event: Event) => {
      if (event.target instanceof HTMLElement && event.target.id === id) measure();
    };
    // A form reset puts its values back after its event: measured once they are there.
    const measureAfterReset = () => setTimeout(measure, 0);
    document.addEventListener('input', measureIfOurs);
    document.addEventListener('reset', measureAfterReset);
    return () => {
      document.removeEventListener('input', measureIfOurs);
      document.removeEventListener('reset', measureAfterReset);
    };
  }, [id, max, given]);
  return over;
}

const count = (value: number) => value.toLocaleString('en-US');

function overMessage(over: number, max: number): string {
  return `${count(over)} character${over === 1 ? '' : 's'} too long: this takes at most ${count(max)}. Shorten it before sending.`;
}

/** The records a "did you mean" means: a button to put one's name in the field, or a link to open it. */
function NameChoiceList({
  choices,
  onFill,
}: {
  choices: NameChoices[];
  onFill: (typed: string, known: string) => void;
}) {
  return (
    <ul className="mt-1 space-y-1 text-sm">
      {choices.map((choice) => (
        <li key={choice.typed} className="flex flex-wrap items-center gap-2">
          <span className="min-w-0 wrap-anywhere">{choice.fill ? `Instead of “${choice.typed}”:` : 'On record:'}</span>
          {choice.names.map((known) =>
            choice.fill ? (
              <Fragment key={known.slug}>
                <button
                  type="button"
                  onClick={() => onFill(choice.typed, known.name)}
                  className="rounded border border-stone-500 bg-white px-2 py-1 font-medium hover:bg-stone-100 noscript:hidden"
                >
                  Use {known.name}
                </button>
                {/* Without the page's script the button could not fill the field: the name is given to type. */}
                <span className="hidden font-medium noscript:inline">{known.name}</span>
              </Fragment>
            ) : (
              <a
                key={known.slug}
                href={`/${choice.kind}/${known.slug}`}
                target="_blank"
                rel="noopener"
                className="underline"
              >
                {known.name} (opens in a new tab)
              </a>
            ),
          )}
        </li>
      ))}
    </ul>
  );
}

interface ControlProps {
  id: string;
  name: string;
  required?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  className: string;
}

/**
 * What a box is typed with, for phones' keyboards and browsers' autofill: web addresses and address
 * names (no capitals, corrections or spelling marks), amounts (a keypad with a decimal point), or
 * someone else's email address and a new password (nothing of the signed-in person's filled in),
 * or the person's own present password (which their password manager may fill in).
 */
type Typing = keyof typeof TYPING;
const TYPING = {
  address: { autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false, inputMode: 'url' },
  amount: { inputMode: 'decimal' },
  // Text, not type="number": a browser sends "200+" or "1.000" in a number box as nothing at all,
  // which would clear the count without a word; the server says what is wrong with it instead.
  count: { inputMode: 'numeric' },
  // Someone else's address and a password chosen for them: nothing of the admin's own to fill in.
  email: { autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false, autoComplete: 'off' },
  'new-password': { autoComplete: 'new-password' },
  'current-password': { autoComplete: 'current-password' },
} as const;

export function TextField(
  props: FieldProps & {
    typing?: Typing;
    type?: string;
    defaultValue?: string;
    /** Offer the names on record of this kind while the person types (components/forms/name-combobox.tsx). */
    suggest?: NameKind;
  },
) {
  return (
    <Field {...props}>
      {(control, filled) =>
        props.suggest ? (
          <NameCombobox
            {...control}
            kind={props.suggest}
            enterSends={false}
            defaultValue={filled ?? props.state.values?.[props.name] ?? props.defaultValue ?? ''}
          />
        ) : (
          <input
            {...control}
            {...(props.typing && TYPING[props.typing])}
            type={props.type ?? 'text'}
            defaultValue={filled ?? props.state.values?.[props.name] ?? props.defaultValue ?? ''}
          />
        )
      }
    </Field>
  );
}

/**
 * A password box (a new one unless `present`): required, as long as a password may be, filled in by
 * the browser only with the person's own present password.
 */
export function PasswordField({ present = false, ...props }: FieldProps & { present?: boolean }) {
  return (
    <TextField
      {...props}
      type="password"
      typing={present ? 'current-password' : 'new-password'}
      required
      maxLength={200}
    />
  );
}

/**
 * What was typed into each text area, from before React takes the page over: React, hydrating a
 * text area, puts it back to the text it was served with (a one-line box keeps what was typed).
 * Recorded from when this module loads, before React starts: what was typed before the scripts
 * arrived, then every keystroke, by element (never by id: a page the script moves to may have
 * another field of the same id).
 */
const typedInto = new WeakMap<HTMLTextAreaElement, string>();
if (typeof document !== 'undefined') {
  for (const area of document.querySelectorAll('textarea')) {
    if (area.value !== area.defaultValue) typedInto.set(area, area.value);
  }
  document.addEventListener(
    'input',
    (event) => {
      if (event.target instanceof HTMLTextAreaElement) typedInto.set(event.target, event.target.value);
    },
    true,
  );
}

/**
 * Puts back, once the page's script runs, what was typed into the text area `id` before then, as
 * if typed now (the form's draft keeps it). Not on a page reached by going back or reloading: the
 * browser may have put back values of its own there (a form already sent), which the draft keeper
 * does not take as typed either.
 */
function useTypedBeforeScript(id: string) {
  const done = useRef(false);
  useEffect(() => {
    // Once: a page shown again from the router's cache runs its effects again.
    if (done.current) return;
    done.current = true;
    const control = document.getElementById(id);
    if (!(control instanceof HTMLTextAreaElement) || !openedAfresh()) return;
    const typed = typedInto.get(control);
    if (typed === undefined || control.value === typed) return;
    control.value = typed;
    control.dispatchEvent(new Event('input', { bubbles: true }));
  }, [id]);
}

export function TextArea(props: FieldProps & { typing?: Typing; rows?: number; defaultValue?: string }) {
  useTypedBeforeScript(props.id ?? props.name);
  return (
    <Field {...props}>
      {(control, filled) => (
        <textarea
          {...control}
          {...(props.typing && TYPING[props.typing])}
          rows={props.rows ?? 4}
          defaultValue={filled ?? props.state.values?.[props.name] ?? props.defaultValue ?? ''}
        />
      )}
    </Field>
  );
}

/**
 * A record's sources, one address per line: the same field in every form. The hint says what makes
 * two addresses one source (lib/urls.ts `normalizeSourceUrl`), and what does not.
 */
const SOURCES_HINT =
  'One address per line. One already on record is cited again, not added twice, whatever its tracking parameters (utm_…), the order of the others, #part (but an app’s #!/… or #/… route) or closing slash, over http or https, with or without www: it keeps the address it was first cited by, without tracking parameters or #part. A printed report or a letter without one is cited below instead.';

export function SourcesField({ state, hint = SOURCES_HINT }: { state: FormState; hint?: string }) {
  return <TextArea name="sources" typing="address" label="Sources" state={state} required rows={3} hint={hint} />;
}

/**
 * Why a change is proposed: the reviewer reads it, and once the change is published it is the
 * change's reason on the record's public history (who, when, what, why). The same field in every form.
 */
export function ChangeReasonField({ state }: { state: FormState }) {
  return (
    <TextArea
      name="note"
      label="Why this change"
      state={state}
      maxLength={2000}
      rows={2}
      hint="For the reviewer, and, once published, shown with the change on the record’s public history: what it corrects or adds, and where that comes from. Nothing that is not for the public."
    />
  );
}

/** A choice: its value, its words, and (for a long list) the heading it is listed under. */
type Option = readonly [value: string, text: string, group?: string];

/** Options under their headings, in the order the headings first come. */
function grouped(options: readonly Option[]): [string | undefined, Option[]][] {
  const groups = new Map<string | undefined, Option[]>();
  for (const option of options) groups.set(option[2], [...(groups.get(option[2]) ?? []), option]);
  return [...groups];
}

export function SelectField(
  props: FieldProps & { options: readonly Option[]; defaultValue?: string; multiple?: boolean },
) {
  const typed = props.state.values?.[props.name];
  const { multiple, options, defaultValue } = props;
  const label = (value: string) => options.find(([option]) => option === value)?.[1] ?? value;
  const describe = (value: string) => value.split('\n').filter(Boolean).map(label).join(', ');
  if (multiple) {
    // Several choices are tick boxes: a list box loses every earlier choice to one arrow key.
    // Given back after a refusal, the form's own choices, none included (no box ticked sends nothing).
    const chosen = props.state.values ? (typed ?? '').split('\n') : defaultValue ? defaultValue.split('\n') : [];
    return (
      <Field {...props} describe={describe} group>
        {(control) => (
          // Mounted again with what the form is given back: a box does not take a new defaultChecked.
          <div key={typed ?? 'initial'} className="mt-1 grid gap-x-4 sm:grid-cols-2">
            {options.map(([value, text], index) => (
              <label key={value} className="flex items-center gap-2 py-1">
                <input
                  type="checkbox"
                  id={`${control.id}-${index}`}
                  name={control.name}
                  value={value}
                  defaultChecked={chosen.includes(value)}
                  className="h-5 w-5 shrink-0"
                />
                {/* A long one-word choice (a term an admin added) wraps inside its column. */}
                <span className="min-w-0 wrap-anywhere">{text}</span>
              </label>
            ))}
          </div>
        )}
      </Field>
    );
  }
  return (
    <Field {...props} describe={describe}>
      {(control) => (
        <OneChoice
          control={control}
          options={options}
          // A select does not take a new defaultValue once mounted, and React resets a form after its
          // action: mounting it again with what was typed keeps the choice when the form is refused.
          key={typed ?? 'initial'}
          initial={typed ?? defaultValue ?? ''}
          offerNone={!options.some(([value]) => value === defaultValue)}
        />
      )}
    </Field>
  );
}

/** One canvas for measuring text, made once, when a select first measures its choice. */
let pen: CanvasRenderingContext2D | null | undefined;
const measuringPen = () => (pen === undefined ? (pen = document.createElement('canvas').getContext('2d')) : pen);

/**
 * A select of one choice, and under it the chosen option written out whole when the closed box
 * cuts it short (a sub-agency "…, part of Department of Homeland Security (DHS)" on a phone): what
 * tells two options apart is often at their end. Hidden from screen readers, which read the option whole.
 */
function OneChoice({
  control,
  options,
  initial,
  offerNone,
}: {
  control: ControlProps;
  options: readonly Option[];
  initial: string;
  /** None chosen is a choice only where no default stands for it (a status not known is one of the options). */
  offerNone: boolean;
}) {
  const select = useRef<HTMLSelectElement>(null);
  /** The chosen option's text when the box cuts it short; null when it fits or none is chosen. */
  const [shown, setShown] = useState<string | null>(null);
  // Read from the box itself: a form may change its options (and so its choice) without a change event.
  const measure = useCallback(() => {
    const box = select.current;
    const option = box?.selectedOptions[0];
    const ruler = measuringPen();
    if (!box || !option?.value || !ruler) return setShown(null);
    const style = getComputedStyle(box);
    ruler.font = style.font;
    // The box's room for text: its width but for its padding and the arrow at its end.
    const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
    setShown(ruler.measureText(option.text).width > room ? option.text : null);
  }, []);
  // After every render, since the options may be others now.
  useEffect(measure);
  useEffect(() => {
    if (!select.current) return;
    const watch = new ResizeObserver(measure);
    watch.observe(select.current);
    return () => watch.disconnect();
  }, [measure]);
  return (
    <>
      <select {...control} ref={select} defaultValue={initial} onChange={measure}>
        {offerNone && <option value="">Choose…</option>}
        {grouped(options).map(([group, members]) => {
          const choices = members.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ));
          return group === undefined ? (
            choices
          ) : (
            <optgroup key={group} label={group}>
              {choices}
            </optgroup>
          );
        })}
      </select>
      {shown && (
        <p aria-hidden="true" data-chosen-in-full className="mt-1 text-sm text-stone-700">
          {shown}
        </p>
      )}
    </>
  );
}

export function Checkbox({
  name,
  label,
  state,
  defaultChecked,
}: {
  name: string;
  label: string;
  state: FormState;
  defaultChecked?: boolean;
}) {
  const checked = state.values ? state.values[name] === 'on' : defaultChecked;
  const taken = state.merge?.taken.includes(name);
  return (
    <div>
      <label className="flex items-center gap-2">
        <input
          // Mounted again with what the form is given back: a box does not take a new defaultChecked.
          key={String(checked)}
          type="checkbox"
          id={name}
          name={name}
          defaultChecked={checked}
          aria-describedby={taken ? `${name}-notice` : undefined}
          className="h-5 w-5 shrink-0"
        />
        {label}
      </label>
      {taken && (
        <p id={`${name}-notice`} className="mt-1 text-sm text-amber-900">
          {state.conflict?.own
            ? 'Changed by your published change since you opened the form (you had not changed it here): its choice is here now.'
            : `Changed by ${state.conflict?.by ?? 'someone'} since you opened the form (you had not changed it): their choice is here now.`}
        </p>
      )}
    </div>
  );
}

/**
 * The form's outcome for screen readers and eyes: the message, each field's problem linked to the
 * field, and what another person changed. A refusal brings the focus here, so a long form's
 * problems are never below the fold where the button was.
 */
export function FormMessage({
  state,
  fieldId = (name) => name,
}: {
  state: FormState;
  /** The id of a field's control, when the form gives its fields ids other than their names. */
  fieldId?: (name: string) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!state.message || !box.current) return;
    box.current.focus();
    box.current.scrollIntoView({ block: 'nearest' });
  }, [state]);
  const problems = Object.entries(state.fields ?? {}).filter(([, errors]) => errors.length > 0);
  // The same message for two fields (two amounts, say) names each one's field.
  const firsts = problems.map(([, errors]) => errors[0]);
  const repeated = new Set(firsts.filter((message, index) => firsts.indexOf(message) !== index));
  const merged = [...Object.keys(state.merge?.clashes ?? {}), ...(state.merge?.taken ?? [])];
  // The merged fields are named as their labels say (read from the page: each form words its own).
  const [labels, setLabels] = useState<Record<string, string>>({});
  const idOf = useRef(fieldId);
  useEffect(() => {
    idOf.current = fieldId;
  });
  useEffect(() => {
    const names = [...Object.keys(state.merge?.clashes ?? {}), ...(state.merge?.taken ?? [])];
    if (!names.length) return;
    const fieldId = idOf.current;
    setLabels(
      Object.fromEntries(
        names.map((name) => {
          const control = document.getElementById(fieldId(name));
          const label =
            control instanceof HTMLFieldSetElement
              ? control.querySelector('legend')
              : control && 'labels' in control
                ? (control.labels as NodeListOf<HTMLLabelElement>)[0]
                : null;
          return [name, label?.textContent?.replace(/\s*\*$/, '').trim() || name];
        }),
      ),
    );
  }, [state]);
  // One live region, the message itself (an alert, given the focus too): inside a polite one as
  // well, screen readers read it out twice or three times.
  return (
    <div>
      {state.message && (
        <div ref={box} tabIndex={-1} role="alert" className="rounded border border-red-800 bg-red-50 p-3 text-red-900">
          <p>{state.message}</p>
          {state.signIn && (
            <p className="mt-1">
              <a href="/sign-in" target="_blank" rel="noopener" className="text-red-900">
                Sign in again (in a new tab)
              </a>
            </p>
          )}
          {state.next && (
            <p className="mt-1">
              <a href={state.next.href} target="_blank" rel="noopener" className="text-red-900">
                {state.next.text} (in a new tab)
              </a>
            </p>
          )}
          {problems.length > 0 && (
            <ul className="mt-1 list-disc pl-6">
              {problems.map(([name, errors]) => (
                <li key={name}>
                  <a href={`#${fieldId(name)}`} onClick={goToField} className="text-red-900">
                    {repeated.has(errors[0]) ? `${fieldLabel(name)}: ${errors[0]}` : errors[0]}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {merged.length > 0 && (
            <ul className="mt-1 list-disc pl-6">
              {merged.map((name) => (
                <li key={name}>
                  <a href={`#${fieldId(name)}`} onClick={goToField} className="text-red-900">
                    {labels[name] ?? name}:{' '}
                    {name in (state.merge?.clashes ?? {})
                      ? state.conflict?.own
                        ? 'changed here and in your published change'
                        : 'you both changed it'
                      : state.conflict?.own
                        ? 'now its published value'
                        : state.conflict?.earlier
                          ? 'now the record’s value'
                          : 'now their value'}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {state.conflict && (
            // Marked when the change is published (it has a version then): the page's notice that it
            // was waiting when the form opened is out of date, and hides (components/editor/record-form.tsx).
            <details
              className="mt-2"
              open
              data-published-meanwhile={state.conflict.version === undefined ? undefined : ''}
            >
              <summary>
                {state.conflict.own
                  ? 'Your published change'
                  : state.conflict.earlier
                    ? `The last of the ${state.conflict.earlier + 1} changes since (${state.conflict.by}`
                    : `Their change (${state.conflict.by}`}
                {state.conflict.own ? ' (' : ', '}
                {formatDateTime(new Date(state.conflict.at))})
              </summary>
              <pre className="mt-1 overflow-x-auto whitespace-pre-wrap text-xs">{state.conflict.summary}</pre>
            </details>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * A link of a list of problems followed: the field's label (or legend) brought to the top of the
 * screen and the field focused, so that a long hint between them does not push the label out of
 * sight on a phone. Without the page's script the link scrolls to the field itself, with room above
 * it (app/globals.css).
 */
function goToField(event: React.MouseEvent<HTMLAnchorElement>) {
  const control = document.getElementById(decodeURIComponent(event.currentTarget.hash.slice(1)));
  const caption =
    control instanceof HTMLFieldSetElement
      ? control.querySelector('legend')
      : control && 'labels' in control
        ? (control.labels as NodeListOf<HTMLLabelElement> | null)?.[0]
        : null;
  if (!control || !caption) return;
  event.preventDefault();
  // A field in a folded part of the form (a new citation) is unfolded first: a closed one takes no focus.
  const folded = control.closest('details');
  if (folded && !folded.open) folded.open = true;
  caption.scrollIntoView({ block: 'start' });
  control.focus({ preventScroll: true });
}

/** A submit button that cannot be pressed twice while the form is being sent. */
export function SubmitButton({
  children,
  name,
  value,
  quiet = false,
  describedBy,
  onClick,
}: {
  children: React.ReactNode;
  name?: string;
  value?: string;
  /** A second button beside the form's own: outlined rather than filled. */
  quiet?: boolean;
  describedBy?: string;
  /** Which button sent the form, for a page with more than one (a key press clicks it too). */
  onClick?: () => void;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      aria-disabled={pending}
      aria-describedby={describedBy}
      onClick={onClick}
      className={
        quiet
          ? 'rounded border border-stone-800 bg-white px-4 py-2 font-medium text-stone-900 hover:bg-stone-100 disabled:text-stone-500'
          : 'rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-700 disabled:bg-stone-500'
      }
    >
      {pending ? 'Sending…' : children}
    </button>
  );
}
