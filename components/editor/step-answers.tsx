'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { FormMessage, type FormState } from '@/components/forms/fields';

interface StepAnswers {
  /** A step's form was refused: its answer, kept here in case the form leaves the page. */
  refused(form: string, state: FormState): void;
  /** A step's form is on the page; the function returned says it has left. */
  shown(form: string): () => void;
}

const StepAnswersContext = createContext<StepAnswers | null>(null);

/**
 * The answers to a record's history steps (restore a version, archive, bring back) whose form is
 * gone from the page. A refused step shows the page as it now is, and the form refused may not be
 * on it any more (its version is now the record's own, an archived record has no archive form):
 * its message, which said why nothing was done, would have gone with it, leaving the reviewer to
 * guess whether the step was taken. Shown here, above the steps, until another form is sent.
 */
export function StepAnswerProvider({ children }: { children: React.ReactNode }) {
  const [last, setLast] = useState<{ form: string; state: FormState } | null>(null);
  const [onPage, setOnPage] = useState<ReadonlySet<string>>(new Set());
  const answers = useMemo<StepAnswers>(
    () => ({
      refused: (form, state) => setLast({ form, state }),
      shown: (form) => {
        setOnPage((forms) => new Set(forms).add(form));
        return () =>
          setOnPage((forms) => {
            const left = new Set(forms);
            left.delete(form);
            return left;
          });
      },
    }),
    [],
  );
  useEffect(() => {
    const sent = () => setLast(null);
    document.addEventListener('submit', sent);
    return () => document.removeEventListener('submit', sent);
  }, []);
  const orphan = last && !onPage.has(last.form) ? last : null;
  const reason = orphan?.state.values?.reason?.trim();
  return (
    <StepAnswersContext value={answers}>
      {orphan && (
        <div className="space-y-1">
          <FormMessage state={orphan.state} />
          {reason && <p className="text-sm text-stone-700">The reason you gave, not used: “{reason}”</p>}
        </div>
      )}
      {children}
    </StepAnswersContext>
  );
}

/**
 * For a step's form: says it is on the page, and returns what to tell the page's StepAnswerProvider
 * of each answer (useFormAction's onAnswer). Told as the answer comes, not once the form shows it:
 * the page the refusal brings may not hold the form, which then never shows it.
 */
export function useStepAnswers(form: string): (state: FormState) => void {
  const answers = useContext(StepAnswersContext);
  useEffect(() => answers?.shown(form), [answers, form]);
  return useCallback(
    (state: FormState) => {
      if (state.message) answers?.refused(form, state);
    },
    [answers, form],
  );
}
