import { hasLetterOrDigit, plural } from '../text';
import type { MatchedRecipient, UsaspendingImportReport } from './usaspending-import';

/** The name the rows without a recipient name are listed under (a company is found for them by their parent's). */
export const NO_RECIPIENT_NAME = '(no recipient name)';

/**
 * The name a company would be known by to take a waiting recipient's rows: the recipient's, or,
 * where the file gives none (or one of no letter or digit, such as "---"), its parent's, which the
 * import matches next; null when neither names anything.
 */
export function recipientCompanyName(name: string, parent: string | null): string | null {
  const named = (text: string | null) => (text && text !== NO_RECIPIENT_NAME && hasLetterOrDigit(text) ? text : null);
  return named(name) ?? named(parent);
}

/** At most this many lines per list; the rest are counted. */
const LIST_LIMIT = 50;

/** The contract form's names for the fields an import writes (and keeps where editors corrected them). */
export const CONTRACT_FIELD_LABEL: Record<string, string> = {
  companyId: 'company',
  agencyId: 'agency',
  subAgencyId: 'sub-agency',
  title: 'title',
  purpose: 'purpose',
  piid: 'PIID',
  obligatedAmount: 'obligated amount',
  potentialAmount: 'potential amount',
  awardDate: 'award date',
  awardDatePrecision: 'award date',
  periodStart: 'period start',
  periodEnd: 'period end',
  contractStatus: 'status',
  sources: 'sources (the award’s USAspending page, taken out)',
};

/** Fields as the form names them, each once ("award date" stands for the date and its precision). */
export const fieldLabels = (fields: string[]) =>
  [...new Set(fields.map((field) => CONTRACT_FIELD_LABEL[field] ?? field))].join(', ');

/** Of an unmatched recipient's rows, those whose contract an earlier import stored: kept as they were. */
export function storedNote(stored: number, rows: number): string {
  if (stored === rows)
    return rows === 1
      ? 'its contract on record already, left as it was'
      : 'all their contracts on record already, left as they were';
  return `${stored} of their contracts on record already, left as they were`;
}

/** A recipient whose rows were imported, and the company they went to (and the parent it was found by). */
export const matchedNote = (recipient: MatchedRecipient) =>
  `${recipient.name}: ${recipient.company.name}${recipient.byParent ? `, found by its parent ${recipient.byParent}` : ''} (${plural(recipient.rows, 'row', 'rows')})`;

/** What a USAspending import did, in words a reviewer can act on. */
export function printUsaspendingReport(report: UsaspendingImportReport, print: (line: string) => void): void {
  const { created } = report;
  // A file of no rows imported nothing: said first, not after "imported".
  if (report.rows === 0)
    print('The file has its header but no rows, so nothing was imported: was the download cut short?');
  else if (report.checkedOnly)
    print(
      `Read ${plural(report.rows, 'row', 'rows')}; checked in ${(report.durationMs / 1000).toFixed(1)} s. Checked only: nothing was written. Imported now, the file would give:`,
    );
  else print(`Read ${plural(report.rows, 'row', 'rows')}; imported in ${(report.durationMs / 1000).toFixed(1)} s.`);
  print(
    `Created: ${plural(created.contracts, 'contract', 'contracts')}, ${plural(created.agencies.length, 'agency', 'agencies')}, ${plural(created.sources, 'source', 'sources')}.`,
  );
  if (created.agencies.length) list(print, 'New agencies', created.agencies);
  if (report.matchedRecipients.length) {
    print(
      `Recipients imported, and the company each one's rows went to: ${report.matchedRecipients.length.toLocaleString('en-US')}.`,
    );
    list(print, null, report.matchedRecipients.map(matchedNote));
  }
  print(`Updated: ${plural(report.updated.length, 'contract', 'contracts')}.`);
  list(
    print,
    null,
    report.updated.map((change) => `${change.awardKey}: ${fieldLabels(change.fields)}`),
  );
  if (report.kept.length) {
    print(
      `Kept as editors corrected them, where the file says otherwise: fields of ${plural(report.kept.length, 'contract', 'contracts')}.`,
    );
    list(
      print,
      null,
      report.kept.map((change) => `${change.awardKey}: ${fieldLabels(change.fields)}`),
    );
  }
  if (report.keptHolders.length) {
    print(
      `Kept with their company, though the file names a company of another group, since records on file of that group cite them: ${plural(report.keptHolders.length, 'contract', 'contracts')} (correct the records first, or the contract in its form).`,
    );
    list(
      print,
      null,
      report.keptHolders.map((holder) => `${holder.awardKey}: cited by the ${holder.citedBy}`),
    );
  }
  if (report.older.length) {
    print(
      `Left as they were, the file being older than the one they were last imported from (its last_modified_date): ${plural(report.older.length, 'contract', 'contracts')}.`,
    );
    list(
      print,
      null,
      report.older.map((award) => `${award.awardKey}: modified ${award.file} in this file, ${award.stored} on record`),
    );
  }
  if (report.maybeEnteredByHand.length) {
    print(
      `Contracts entered by hand that may be awards of this file (the same PIID, company and awarding department): ${plural(report.maybeEnteredByHand.length, 'pair', 'pairs')}. Compare each pair, and archive the one entered by hand if it is the same: until then both count, and each import of the file names them again.`,
    );
    list(
      print,
      null,
      report.maybeEnteredByHand.map(
        // A check wrote no contract: an award's own page may not be there yet.
        (pair) =>
          `${pair.awardKey}: ${report.checkedOnly ? '' : `/contracts/${pair.contractId} `}(entered by hand: /contracts/${pair.enteredId})`,
      ),
    );
  }
  print(`Unchanged: ${plural(report.unchanged, 'contract', 'contracts')}.`);
  if (report.archived.length) {
    print(
      `Left archived, as reviewers archived them (not updated, and off the public pages; one brought back from its history follows the next import): ${plural(report.archived.length, 'contract', 'contracts')}.`,
    );
    list(
      print,
      null,
      report.archived.map((award) => `${award.awardKey}: /history/contract/${award.contractId}`),
    );
  }
  if (report.agenciesKeptWithoutParent.length) {
    print(
      'Agencies the file names under a department, left without one (their contracts were imported, naming both as the file does; where each belongs is decided in its form):',
    );
    list(
      print,
      null,
      report.agenciesKeptWithoutParent.map((agency) => `${agency.name}, under ${agency.department}: ${agency.reason}`),
    );
  }
  if (report.subAgenciesOfOthers.length) {
    print(
      "Sub-agencies the file names under a department that are another department's on record (the contracts were imported under the department without a sub-agency):",
    );
    list(
      print,
      null,
      report.subAgenciesOfOthers.map(
        (agency) =>
          `${agency.name}, named under ${agency.department}, is under ${agency.under}: ${plural(agency.rows, 'row', 'rows')}`,
      ),
    );
  }
  if (report.keptStatuses) {
    print(`  ${report.keptStatuses} of the contracts are marked cancelled or not renewed by an editor: kept so.`);
  }

  const waiting = report.unmatchedRecipients.reduce((sum, recipient) => sum + recipient.rows, 0);
  print(`Left for review: ${plural(waiting + report.review.length, 'row', 'rows')}.`);
  if (report.unmatchedRecipients.length) {
    print(
      `  unmatched recipients (no company has this name or its parent's as a name or alias; add the name to the company's “Other names” (its edit form), or add the company, then import again; ${report.checkedOnly ? 'importing this file lists them at /review/import for reviewers' : 'reviewers find them listed at /review/import until then'}):`,
    );
    list(
      print,
      null,
      report.unmatchedRecipients.map(
        (recipient) =>
          `${recipient.name} (${plural(recipient.rows, 'row', 'rows')}${recipient.stored ? `, ${storedNote(recipient.stored, recipient.rows)}` : ''})` +
          (recipient.parent && recipient.parent !== recipient.name ? `, parent ${recipient.parent}` : '') +
          (recipient.perhaps
            ? ` — perhaps ${recipient.perhaps}${recipient.perhapsHolds ? ', which holds those contracts' : recipient.perhapsByParent ? ' (by its parent’s name)' : ''}?`
            : '') +
          (recipient.setAside ? ' — set aside by a reviewer: not followed' : ''),
      ),
      '    ',
    );
  }
  if (report.review.length) {
    print('  rows that contradict themselves:');
    list(
      print,
      null,
      report.review.map((row) => `line ${row.line} (${row.awardKey}): ${row.reason}`),
      '    ',
    );
  }
  if (report.leftOut.length) {
    print(`Values left out: ${report.leftOut.length.toLocaleString('en-US')}.`);
    list(
      print,
      null,
      report.leftOut.map(
        (value) => `line ${value.line} (${value.awardKey}), ${value.column} "${value.value}": ${value.reason}`,
      ),
    );
  }
}

function list(print: (line: string) => void, title: string | null, items: string[], indent = '  '): void {
  if (title) print(`${indent}${title}: ${items.slice(0, LIST_LIMIT).join(', ')}${more(items)}`);
  else {
    for (const item of items.slice(0, LIST_LIMIT)) print(`${indent}${item}`);
    if (items.length > LIST_LIMIT) print(`${indent}… and ${items.length - LIST_LIMIT} more`);
  }
}

function more(items: string[]): string {
  return items.length > LIST_LIMIT ? ` … and ${items.length - LIST_LIMIT} more` : '';
}
