import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CompanyForm } from '@/components/editor/company-form';
import { db } from '@/lib/db';
import { publishedState } from '@/lib/data/review';

export const metadata: Metadata = { title: 'Propose a correction', robots: { index: false } };

export default async function EditCompanyPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) notFound();
  const company = await db.company.findFirst({ where: { slug, status: 'PUBLISHED' }, select: { id: true } });
  const state = company ? await publishedState('COMPANY', company.id) : null;
  if (!company || !state) notFound();
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Propose a correction to {text(state.name)}</h1>
      <p className="text-stone-700">
        Your change waits for a reviewer. If someone changes this company meanwhile, you will be shown their change
        before yours is saved.
      </p>
      <CompanyForm
        initial={{
          recordId: company.id,
          baseVersion: Number(state.version),
          name: text(state.name),
          sector: text(state.sector),
          hqCountry: text(state.hqCountry),
          website: text(state.website),
          ticker: text(state.ticker),
          description: text(state.description),
          sources: (state.sources as { url: string | null }[])
            .flatMap((source) => (source.url?.startsWith('http') ? [source.url] : []))
            .join('\n'),
        }}
      />
    </div>
  );
}
