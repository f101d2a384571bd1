import { FilterProblems } from './filter-problems';
import type { ParamProblem } from '@/lib/validation/public-params';

/** A list whose address asks what it cannot read: its title, what is wrong, and the plain list's address. */
export function ListAddressProblems({
  title,
  problems,
  href,
  every,
}: {
  title: string;
  problems: ParamProblem[];
  href: string;
  /** The plain list, as the link names it ("every company"). */
  every: string;
}) {
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{title}</h1>
      <FilterProblems problems={problems}>
        <a href={href}>See {every}</a>, or choose again from there.
      </FilterProblems>
    </div>
  );
}
