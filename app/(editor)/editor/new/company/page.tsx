import type { Metadata } from 'next';
import { sourcesToOffer } from '@/lib/auth/form-sources';
import { connection } from 'next/server';
import { CompanyForm } from '@/components/editor/company-form';
import { normalizeSourceUrl } from '@/lib/urls';
import { companyNameFromFile } from '@/lib/text';

export const metadata: Metadata = { title: 'Add a company', robots: { index: false } };

export default async function NewCompanyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Rendered per request: the sources to choose from are read from the database.
  await connection();
  // From the list of recipients waiting for a company (/review/import): the name as the file writes
  // it and the permalink of one of its rows as the source, to be put right before sending.
  const { name, source } = await searchParams;
  // Named as a page writes it ("Palantir USG", not "PALANTIR USG, INC."), with the file's spelling
  // among its other names, so that the file's rows find the company however the name is put right.
  const written = typeof name === 'string' ? name.trim().slice(0, 200) : '';
  const typed = written && companyNameFromFile(written);
  const aliases = written && written !== typed ? written : '';
  const url = typeof source === 'string' ? normalizeSourceUrl(source) : null;
  const sources = url?.ok ? url.url : '';
  const start = typed || sources ? { values: { name: typed, aliases, sources }, keptSourceIds: [] } : undefined;
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Add a company</h1>
      <CompanyForm start={start} unlinkedSources={await sourcesToOffer()} />
    </div>
  );
}
