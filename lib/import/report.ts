import type { ImportReport } from './collective-action-import';
import { plural } from '../text';

/** What an import did, in words a person can check: created, updated, unchanged, skipped and why. */
export function printImportReport(report: ImportReport, print: (line: string) => void): void {
  const { created } = report;
  print(`Imported in ${(report.durationMs / 1000).toFixed(1)} s.`);
  print(
    `Created: ${[
      plural(created.actions, 'action', 'actions'),
      plural(created.companies.length, 'company', 'companies'),
      plural(created.sources, 'source', 'sources'),
      plural(created.tags.length, 'tag', 'tags'),
    ].join(', ')}.`,
  );
  if (created.companies.length) print(`  New companies: ${created.companies.join(', ')}`);
  if (created.tags.length) print(`  New tags: ${created.tags.join(', ')}`);
  print(`Updated: ${plural(report.updated.length, 'action', 'actions')}.`);
  for (const change of report.updated) print(`  id ${change.externalId}: ${change.fields.join(', ')}`);
  if (report.kept.length) {
    print(
      `Kept as editors corrected them, where the file says otherwise: fields of ${plural(report.kept.length, 'action', 'actions')}.`,
    );
    for (const change of report.kept) print(`  id ${change.externalId}: ${change.fields.join(', ')}`);
  }
  print(`Unchanged: ${plural(report.unchanged, 'action', 'actions')}.`);
  print(`Skipped or read otherwise: ${plural(report.skipped.length, 'value', 'values')}, each with what was done.`);
  // A value as JSON, so that one holding line breaks (several urls in one entry) stays on its line.
  for (const skip of report.skipped) {
    print(`  id ${skip.externalId}, ${skip.field} ${JSON.stringify(skip.value)}: ${skip.reason}`);
  }
}
