'use client';

import { revertAction } from '@/app/(editor)/editor/actions';
import { ReasonedStepForm } from './reasoned-step-form';

/** A reviewer's form to restore one earlier version of a record, with the reason the history keeps. */
export function RevertForm({
  revisionId,
  side,
  version,
  baseVersion,
}: {
  revisionId: string;
  side: 'before' | 'after';
  version: number;
  baseVersion: number;
}) {
  return (
    <ReasonedStepForm
      action={revertAction}
      id={`${revisionId}-${side}`}
      className="mt-2"
      summary={`Restore version ${version}`}
      description={`The record becomes as it was in version ${version}; this change is kept in the history like any other.`}
      fields={{ revisionId, side, baseVersion }}
      reasonLabel={`Why restore version ${version} (public, in its history)`}
      submit={`Restore version ${version}`}
    />
  );
}
