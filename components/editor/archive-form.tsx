'use client';

import { archiveAction } from '@/app/(editor)/editor/actions';
import { ReasonedStepForm } from './reasoned-step-form';

/** A reviewer's form to take an incident off the public pages, or to bring an archived one back, with the reason the history keeps. */
export function ArchiveForm({
  step,
  recordType,
  recordId,
  baseVersion,
}: {
  step: 'archive' | 'restore';
  recordType: string;
  recordId: string;
  baseVersion: number;
}) {
  const archive = step === 'archive';
  return (
    <ReasonedStepForm
      action={archiveAction}
      id={step}
      className="rounded border border-stone-300 bg-white p-3"
      summary={archive ? 'Archive this record' : 'Bring it back to the public pages'}
      description={
        archive
          ? 'It leaves every public page, list, export and feed; its address then says it was archived, and why. Nothing is deleted, and it can be brought back.'
          : 'It is published again as it is now, on every page that showed it.'
      }
      fields={{ step, recordType, recordId, baseVersion }}
      reasonLabel={
        archive
          ? 'Why archive it (public: shown at its address, in its history and in the open data)'
          : 'Why bring it back (public, in its history)'
      }
      submit={archive ? 'Archive it' : 'Bring it back'}
    />
  );
}
