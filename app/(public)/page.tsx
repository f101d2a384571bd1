import Link from 'next/link';
import { connection } from 'next/server';
import { IncidentList } from '@/components/incidents/incident-list';
import { listLatestIncidents } from '@/lib/data/incidents';

export default async function HomePage() {
  await connection();
  const incidents = await listLatestIncidents({ limit: 20 });
  return (
    <div className="space-y-8">
      <section aria-labelledby="intro" className="space-y-3">
        <h1 id="intro" className="text-3xl font-bold">
          How companies&rsquo; government contracts meet resistance
        </h1>
        <p className="max-w-3xl text-lg text-stone-700">
          Counterweight keeps one cited record of companies&rsquo; government contracts and what answered them: employee
          petitions, walkouts and resignations, groups that turned down their donations, and what the companies said or
          did in return.
        </p>
        <p>
          <Link href="/companies" className="font-medium">
            Browse the companies &rarr;
          </Link>
        </p>
      </section>
      <section aria-labelledby="latest">
        <h2 id="latest" className="mb-2 text-2xl font-semibold">
          Latest incidents
        </h2>
        <IncidentList incidents={incidents} />
      </section>
    </div>
  );
}
