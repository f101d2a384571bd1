import type { UsaspendingImportReport } from './usaspending-import';

/** At most this many lines per list; the rest are counted. */
const LIST_LIMIT = 50;

/** What a USAspending import did, in words a reviewer can act on. */
export function printUsaspendingReport(report: UsaspendingImportReport, print: (line: string) => void): void {
  const { created } = report;
  print(`Read ${report.rows} rows; imported in ${(report.durationMs / 1000).toFixed(1)} s.`);
  print(`Created: ${created.contracts} contracts, ${created.agencies.length} agencies, ${created.sources} sources.`);
  if (created.agencies.length) list(print, 'New agencies', created.agencies);
  print(`Updated: ${report.updated.length} contracts.`);
  list(
    print,
    null,
    report.updated.map((change) => `${change.awardKey}: ${change.fields.join(', ')}`),
  );
  if (report.kept.length) {
    print(`Kept as editors corrected them, where the file says otherwise: fields of ${report.kept.length} contracts.`);
    list(
      print,
      null,
      report.kept.map((change) => `${change.awardKey}: ${change.fields.join(', ')}`),
    );
  }
  print(`Unchanged: ${report.unchanged} contracts.`);
  if (report.agenciesKeptWithoutParent.length) {
    print('Agencies the file names under a department, left without one (where each belongs is decided in its form):');
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
        (agency) => `${agency.name}, named under ${agency.department}, is under ${agency.under}: ${agency.rows} row(s)`,
      ),
    );
  }
  if (report.keptStatuses) {
    print(`  ${report.keptStatuses} of the contracts are marked cancelled or not renewed by an editor: kept so.`);
  }

  const waiting = report.unmatchedRecipients.reduce((sum, recipient) => sum + recipient.rows, 0);
  print(`Left for review: ${waiting + report.review.length} rows.`);
  if (report.unmatchedRecipients.length) {
    print(
      `  unmatched recipients (no company has this name or its parent's as a name or alias; add the name to the company's “Other names” (its edit form), then import again):`,
    );
    list(
      print,
      null,
      report.unmatchedRecipients.map(
        (recipient) =>
          `${recipient.name} (${recipient.rows} row${recipient.rows === 1 ? '' : 's'})` +
          (recipient.parent && recipient.parent !== recipient.name ? `, parent ${recipient.parent}` : '') +
          (recipient.perhaps ? ` — perhaps ${recipient.perhaps}?` : ''),
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
    print(`Values left out: ${report.leftOut.length}.`);
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
