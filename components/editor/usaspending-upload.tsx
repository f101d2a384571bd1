'use client';

import { importUsaspendingAction, type ImportState } from '@/app/(editor)/review/import/actions';
import { SubmitButton } from '@/components/forms/fields';
import { useFormAction } from '@/components/forms/postback';
import { clearAsideNotice } from '@/components/editor/recipient-aside';
import { fieldLabels, storedNote } from '@/lib/import/usaspending-report';
import { plural } from '@/lib/text';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL, UPLOAD_TOO_LARGE } from '@/lib/upload-limit';
import { useEffect, useRef, useState } from 'react';

/** Said of a file over the limit as soon as it is chosen. */
const TOO_LARGE = `This file is over ${MAX_UPLOAD_LABEL}, too large to upload: ask whoever runs the site to import it on the server (npm run import:usaspending).`;

/** A count as the report's other figures are written: "4,135". */
const count = (n: number) => n.toLocaleString('en-US');

/**
 * The rows an import left out, counted with the others so that the summary adds up to the rows
 * read: those whose recipient matches no company, and those whose values contradict each other.
 */
function notImported(report: NonNullable<ImportState['report']>): string {
  const unmatched = report.unmatchedRows;
  const reasons = [
    unmatched > 0 &&
      `${count(unmatched)} whose recipient matches no company${[
        report.unmatchedStored > 0 && storedNote(report.unmatchedStored, unmatched),
        report.unmatchedAsideRows > 0 && `${count(report.unmatchedAsideRows)} of recipients set aside`,
      ]
        .filter(Boolean)
        .map((note) => ` (${note})`)
        .join('')}`,
    report.review > 0 && `${count(report.review)} whose values contradict each other`,
  ].filter(Boolean);
  return `${count(unmatched + report.review)} not imported${reasons.length ? ` (${reasons.join(', ')})` : ''}`;
}

/**
 * `refused`: the page was reached after proxy.ts refused a request too large for the action (a file
 * sent without the page's script, which cannot check its size first), so it says why.
 */
export function UsaspendingUpload({ refused = false }: { refused?: boolean }) {
  const [state, action, formField, pending] = useFormAction<ImportState>(
    'usaspending-import',
    importUsaspendingAction,
    refused ? { message: UPLOAD_TOO_LARGE.message, problems: [UPLOAD_TOO_LARGE.problem] } : {},
  );
  const [tooLarge, setTooLarge] = useState(false);
  /** The button that sent the file, for the words said while it is read. */
  const [checking, setChecking] = useState(false);
  /** The file chosen, and its field: a form sent is emptied, but a file checked is there to import. */
  const chosen = useRef<File | null>(null);
  const fileField = useRef<HTMLInputElement>(null);
  /**
   * A file too large to send is said so at once, beside the field, and the browser will not send it
   * (the proxy would refuse it, or the action after reading it whole).
   */
  function checkSize(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    chosen.current = file ?? null;
    const over = Boolean(file && file.size > MAX_UPLOAD_BYTES);
    setTooLarge(over);
    event.currentTarget.setCustomValidity(over ? TOO_LARGE : '');
    event.currentTarget.reportValidity();
  }
  const describedBy = ['file-hint', tooLarge && 'file-too-large', state.message && 'import-refusal'].filter(Boolean);
  // A refusal takes the focus, as the forms' messages do, so that it is read and its problems are in view.
  const refusal = useRef<HTMLDivElement>(null);
  // A report takes it too: the button pressed was disabled while the file was read, which leaves
  // the focus nowhere, and on a phone the report begins below the screen.
  const report = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.message) refusal.current?.focus();
    else if (state.report) report.current?.focus();
    // A new report: what the lists said of a recipient set aside before it is out of date.
    if (state.report) clearAsideNotice();
    // A file checked stays chosen for its import (React empties a form its action answered).
    const field = fileField.current;
    if (state.report?.checkedOnly && field && chosen.current && field.files?.length === 0) {
      const files = new DataTransfer();
      files.items.add(chosen.current);
      field.files = files.files;
    }
  }, [state]);
  return (
    <div className="space-y-4">
      <form action={action} className="space-y-3">
        {formField}
        <div>
          <label htmlFor="file" className="block font-medium">
            Prime Award Summaries file (CSV, up to {MAX_UPLOAD_LABEL})
          </label>
          <input
            id="file"
            ref={fileField}
            name="file"
            type="file"
            accept=".csv,text/csv"
            // Not `required`: no file chosen is said in the page's own message box, as every form's missing
            // field is, not in the browser's passing bubble. The browser's check stays for a file too large.
            aria-required="true"
            onChange={checkSize}
            aria-describedby={describedBy.join(' ')}
            aria-invalid={state.message || tooLarge ? true : undefined}
            className="block w-full text-sm file:mr-3 file:rounded file:border file:border-stone-800 file:bg-white file:px-4 file:py-2 file:font-medium hover:file:bg-stone-100"
          />
          <p id="file-hint" className="text-sm text-stone-700">
            From USAspending&rsquo;s Custom Award Data download, contracts, &ldquo;Prime Award Summaries&rdquo;,
            unzipped.
          </p>
          {tooLarge && (
            <p id="file-too-large" className="text-sm font-medium text-red-900">
              {TOO_LARGE}
            </p>
          )}
        </div>
        <p id="check-hint" className="text-sm text-stone-700">
          &ldquo;Check only&rdquo; reads the file as an import would and says what importing it would do, writing
          nothing.
        </p>
        <div className="flex flex-wrap gap-3">
          <SubmitButton name="step" value="import" onClick={() => setChecking(false)}>
            Import
          </SubmitButton>
          <SubmitButton name="step" value="check" quiet describedBy="check-hint" onClick={() => setChecking(true)}>
            Check only
          </SubmitButton>
        </div>
      </form>
      <div aria-live="polite">
        {/* While a file is sent and read, the answer to the one before is not shown as if it were its. */}
        {pending && (
          <p className="text-stone-700">
            {checking ? 'Checking' : 'Importing'} the file: a large one takes a few seconds.
          </p>
        )}
        {!pending && state.message && (
          <div
            id="import-refusal"
            ref={refusal}
            tabIndex={-1}
            // Focused as the page loads, too: a page answering a form sent without its script runs none.
            autoFocus
            role="alert"
            className="rounded border border-red-800 bg-red-50 p-3 text-red-900"
          >
            <p>{state.message}</p>
            {state.problems && state.problems.length > 0 && (
              <ul className="mt-2 list-disc pl-6 text-sm">
                {state.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {!pending && state.report && (
          <div
            ref={report}
            tabIndex={-1}
            role="status"
            // A file of no rows imported nothing, one with rows left out has work waiting, and one older
            // than what is stored is to be downloaded again: said in the colours of a warning, not of a success.
            className={`space-y-2 rounded border p-3 ${state.report.rows === 0 || state.report.unmatchedRows - state.report.unmatchedAsideRows + state.report.review + state.report.older > 0 ? 'border-amber-700 bg-amber-50' : 'border-green-800 bg-green-50'}`}
          >
            {state.report.checkedOnly && state.report.rows > 0 && (
              <p className="font-medium">
                Checked only: nothing was imported. Imported now, the file would give what follows.
              </p>
            )}
            <p>
              {plural(state.report.rows, 'row', 'rows')} read: {plural(state.report.created, 'contract', 'contracts')}{' '}
              created, {count(state.report.updated)} updated, {count(state.report.unchanged)} unchanged,{' '}
              {state.report.archived > 0 && `${count(state.report.archived)} left archived, `}
              {state.report.older > 0 && `${count(state.report.older)} left as they were (an older file), `}
              {notImported(state.report)}.
            </p>
            {state.report.rows === 0 && (
              <p className="font-medium">The file has its header but no rows: was the download cut short?</p>
            )}
            {state.report.matched.length > 0 && (
              <div>
                <p>
                  {state.report.checkedOnly
                    ? 'Recipients, and the company each one’s rows would go to:'
                    : 'Recipients imported, and the company each one’s rows went to:'}
                </p>
                <ul className="list-disc pl-6 text-sm">
                  {state.report.matched.map((recipient) => (
                    <li key={recipient.name}>
                      {recipient.name}: <a href={`/companies/${recipient.company.slug}`}>{recipient.company.name}</a>
                      {recipient.byParent && <>, found by its parent {recipient.byParent}</>} (
                      {plural(recipient.rows, 'row', 'rows')})
                    </li>
                  ))}
                  {state.report.matchedCount > state.report.matched.length && (
                    <li>
                      and {count(state.report.matchedCount - state.report.matched.length)} more (the command,{' '}
                      <code>npm run import:usaspending</code>, lists 50)
                    </li>
                  )}
                </ul>
              </div>
            )}
            {state.report.agencies.length > 0 && <p>New agencies: {state.report.agencies.join(', ')}</p>}
            {state.report.keptWithoutParent.length > 0 && (
              <div>
                <p>
                  Agencies the file names under a department, left without one (their contracts were imported, naming
                  both as the file does; where each belongs is decided in its form):
                </p>
                <ul className="list-disc pl-6 text-sm">
                  {state.report.keptWithoutParent.map((agency) => (
                    <li key={agency.name}>
                      {agency.name}, under {agency.department}: {agency.reason}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {state.report.subAgenciesOfOthers.length > 0 && (
              <div>
                <p>
                  Sub-agencies the file names under a department that are another department&rsquo;s on record (their
                  contracts were imported under the department without a sub-agency):
                </p>
                <ul className="list-disc pl-6 text-sm">
                  {state.report.subAgenciesOfOthers.map((agency) => (
                    <li key={`${agency.name}:${agency.department}`}>
                      {agency.name}, named under {agency.department}, is under {agency.under}: {agency.rows}{' '}
                      {agency.rows === 1 ? 'row' : 'rows'}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {state.report.keptRows.length > 0 && (
              <div>
                <p>
                  Corrections editors made that the file says otherwise, kept (a field an editor puts back to what the
                  import last wrote, as its history shows, follows the files again):
                </p>
                <ul className="list-disc pl-6 text-sm">
                  {state.report.keptRows.map((row) => (
                    <li key={row.awardKey}>
                      <a href={`/contracts/${row.contractId}`}>Award {row.awardKey}</a>: {fieldLabels(row.fields)}
                    </li>
                  ))}
                  {state.report.kept > state.report.keptRows.length && (
                    <li>and {count(state.report.kept - state.report.keptRows.length)} more</li>
                  )}
                </ul>
              </div>
            )}
            {state.report.keptHolders.length > 0 && (
              <div>
                <p>
                  Kept with their company, though the file names a company of another group, since records of that group
                  cite them (correct those records first, or the contract in its form):
                </p>
                <ul className="list-disc pl-6 text-sm">
                  {state.report.keptHolders.map((row) => (
                    <li key={row.awardKey}>
                      <a href={`/contracts/${row.contractId}`}>Award {row.awardKey}</a>: cited by the {row.citedBy}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {state.report.maybeEnteredByHand.length > 0 && (
              <div>
                <p>
                  Contracts entered by hand that may be awards of this file (the same PIID, company and awarding
                  department): compare each pair, and archive the one entered by hand if it is the same (until then both
                  count in every figure, and each import of the file names them again):
                </p>
                <ul className="list-disc pl-6 text-sm">
                  {state.report.maybeEnteredByHand.map((pair) => (
                    <li key={`${pair.awardKey}:${pair.enteredId}`}>
                      {/* A check wrote no contract: the award's own page may not be there yet. */}
                      {state.report?.checkedOnly ? (
                        <>Award {pair.awardKey}</>
                      ) : (
                        <a href={`/contracts/${pair.contractId}`}>Award {pair.awardKey}</a>
                      )}{' '}
                      and the <a href={`/contracts/${pair.enteredId}`}>contract entered by hand</a>
                    </li>
                  ))}
                  {state.report.maybeEnteredByHandCount > state.report.maybeEnteredByHand.length && (
                    <li>
                      and {count(state.report.maybeEnteredByHandCount - state.report.maybeEnteredByHand.length)} more
                      pairs (the command, <code>npm run import:usaspending</code>, lists 50)
                    </li>
                  )}
                </ul>
              </div>
            )}
            {state.report.olderRows.length > 0 && (
              <div>
                <p>
                  Left as they were, the file being older than the one they were last imported from (its
                  last_modified_date): download the awards again for their latest values.
                </p>
                <ul className="list-disc pl-6 text-sm">
                  {state.report.olderRows.map((row) => (
                    <li key={row.awardKey}>
                      <a href={`/contracts/${row.contractId}`}>Award {row.awardKey}</a>: modified {row.file} in this
                      file, {row.stored} on record
                    </li>
                  ))}
                  {state.report.older > state.report.olderRows.length && (
                    <li>and {count(state.report.older - state.report.olderRows.length)} more</li>
                  )}
                </ul>
              </div>
            )}
            {state.report.archivedRows.length > 0 && (
              <div>
                <p>
                  Left archived, as reviewers archived them: the file does not update them, and they stay off the public
                  pages (one brought back from its history follows the next import).
                </p>
                <ul className="list-disc pl-6 text-sm">
                  {state.report.archivedRows.map((row) => (
                    <li key={row.awardKey}>
                      <a href={`/history/contract/${row.contractId}`}>History of award {row.awardKey}</a>
                    </li>
                  ))}
                  {state.report.archived > state.report.archivedRows.length && (
                    <li>and {count(state.report.archived - state.report.archivedRows.length)} more</li>
                  )}
                </ul>
              </div>
            )}
            {state.report.checkedOnly && state.report.unmatched.length > 0 && (
              <div>
                <p>
                  {state.report.unmatchedCount - state.report.unmatchedAsideCount === 1
                    ? 'One recipient matches no company: importing the file puts it'
                    : `${count(state.report.unmatchedCount - state.report.unmatchedAsideCount)} recipients match no company: importing the file puts them`}{' '}
                  on the list of <a href="#waiting-recipients">recipients waiting for a company</a> (or leaves them
                  there, those already on it). To import their rows instead, add each name to its company&rsquo;s other
                  names (or add the company) first.
                </p>
                <ul className="list-disc pl-6 text-sm">
                  {state.report.unmatched.map((recipient) => (
                    <li key={recipient.name}>
                      {recipient.name} ({plural(recipient.rows, 'row', 'rows')}
                      {recipient.stored > 0 && `, ${storedNote(recipient.stored, recipient.rows)}`})
                      {recipient.perhaps && (
                        <>
                          : perhaps {recipient.perhaps}
                          {recipient.perhapsHolds && ', which holds those contracts'}?
                        </>
                      )}
                    </li>
                  ))}
                  {state.report.unmatchedCount - state.report.unmatchedAsideCount > state.report.unmatched.length && (
                    <li>
                      and{' '}
                      {count(
                        state.report.unmatchedCount - state.report.unmatchedAsideCount - state.report.unmatched.length,
                      )}{' '}
                      more
                    </li>
                  )}
                </ul>
              </div>
            )}
            {!state.report.checkedOnly && state.report.unmatchedCount > state.report.unmatchedAsideCount && (
              <p>
                {state.report.unmatchedCount - state.report.unmatchedAsideCount === 1
                  ? 'One recipient matches no company: it is'
                  : `${state.report.unmatchedCount - state.report.unmatchedAsideCount} recipients match no company: they are`}{' '}
                on the list of <a href="#waiting-recipients">recipients waiting for a company</a>, with what to do.
              </p>
            )}
            {state.report.unmatchedAsideCount > 0 && (
              <p>
                {state.report.unmatchedAsideCount === 1
                  ? 'One recipient was set aside before (not followed): it stays'
                  : `${state.report.unmatchedAsideCount} recipients were set aside before (not followed): they stay`}{' '}
                on the <a href="#set-aside-recipients">list of those set aside</a>.
              </p>
            )}
            {state.report.reviewRows.length > 0 && (
              <div>
                <p>Rows not imported because their values contradict each other (correct them in the file):</p>
                <ul className="list-disc pl-6 text-sm">
                  {state.report.reviewRows.map((row) => (
                    <li key={`${row.line}-${row.awardKey}`}>
                      Line {row.line}, award {row.awardKey}: {row.reason}
                    </li>
                  ))}
                  {state.report.review > state.report.reviewRows.length && (
                    <li>and {count(state.report.review - state.report.reviewRows.length)} more</li>
                  )}
                </ul>
              </div>
            )}
            {state.report.leftOut.length > 0 && (
              <div>
                <p>Values not stored (the rest of their rows was imported):</p>
                <ul className="list-disc pl-6 text-sm">
                  {state.report.leftOut.map((value) => (
                    <li key={`${value.line}-${value.column}`}>
                      Line {value.line}, award {value.awardKey}, {value.column} &ldquo;{value.value}&rdquo;:{' '}
                      {value.reason}
                    </li>
                  ))}
                  {state.report.leftOutCount > state.report.leftOut.length && (
                    <li>and {count(state.report.leftOutCount - state.report.leftOut.length)} more</li>
                  )}
                </ul>
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
