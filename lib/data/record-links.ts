import 'server-only';
import { db } from '../db';
import type { RecordType } from '../generated/prisma/enums';
import { statementHeadline } from '../text';
import { agencyCalled } from './agencies';
import { companyCalled } from './companies';
import { donationTitleSelect, titleOfDonation } from './incident-index';

/** A record's public page and the name it goes by there. */
export interface RecordLink {
  href: string;
  name: string;
}

const PUBLISHED = 'PUBLISHED' as const;
const key = (type: RecordType, id: string) => `${type}:${id}`;

/**
 * The public pages of these records, by `type:id`, with their names as the pages say them; a
 * record the public cannot see (not published, or of a company that is not) has none. One query
 * per kind of record asked for.
 */
export async function recordLinks(refs: { type: RecordType; id: string }[]): Promise<Map<string, RecordLink>> {
  const ids = (type: RecordType) => [...new Set(refs.filter((ref) => ref.type === type).map((ref) => ref.id))];
  const links = new Map<string, RecordLink>();
  const add = (type: RecordType, id: string, href: string, name: string) => links.set(key(type, id), { href, name });
  const named = { where: { status: PUBLISHED }, select: { id: true, slug: true, name: true } } as const;
  const ofCompany = { status: PUBLISHED, company: { status: PUBLISHED } } as const;
  const company = { select: { name: true } } as const;

  const asked = (type: RecordType) => ids(type).length > 0;
  await Promise.all([
    asked('COMPANY') &&
      db.company
        .findMany({ ...named, where: { ...named.where, id: { in: ids('COMPANY') } } })
        .then((rows) => rows.forEach((row) => add('COMPANY', row.id, `/companies/${row.slug}`, row.name))),
    asked('AGENCY') &&
      db.agency
        .findMany({ ...named, where: { ...named.where, id: { in: ids('AGENCY') } } })
        .then((rows) => rows.forEach((row) => add('AGENCY', row.id, `/agencies/${row.slug}`, row.name))),
    asked('ORGANIZATION') &&
      db.organization
        .findMany({ ...named, where: { ...named.where, id: { in: ids('ORGANIZATION') } } })
        .then((rows) => rows.forEach((row) => add('ORGANIZATION', row.id, `/organizations/${row.slug}`, row.name))),
    asked('EMPLOYEE_ACTION') &&
      db.employeeAction
        .findMany({ where: { status: PUBLISHED, id: { in: ids('EMPLOYEE_ACTION') } }, select: { id: true, title: true } })
        .then((rows) => rows.forEach((row) => add('EMPLOYEE_ACTION', row.id, `/actions/${row.id}`, row.title))),
    asked('CONTRACT') &&
      db.governmentContract
        .findMany({ where: { ...ofCompany, id: { in: ids('CONTRACT') } }, select: { id: true, title: true, company } })
        // The company first, as its page names it: many contracts share a title ("Cloud services").
        .then((rows) =>
          rows.forEach((row) => add('CONTRACT', row.id, `/contracts/${row.id}`, `${row.company.name}: ${row.title}`)),
        ),
    asked('DONATION_RESPONSE') &&
      db.donationResponse
        .findMany({
          where: { ...ofCompany, id: { in: ids('DONATION_RESPONSE') } },
          select: donationTitleSelect,
        })
        .then((rows) =>
          rows.forEach((row) => add('DONATION_RESPONSE', row.id, `/donations/${row.id}`, titleOfDonation(row))),
        ),
    asked('COMPANY_STATEMENT') &&
      db.companyStatement
        .findMany({
          where: { ...ofCompany, id: { in: ids('COMPANY_STATEMENT') } },
          select: { id: true, summary: true, company },
        })
        .then((rows) =>
          rows.forEach((row) =>
            add('COMPANY_STATEMENT', row.id, `/statements/${row.id}`, statementHeadline(row.company.name, row.summary)),
          ),
        ),
  ]);
  return links;
}

/** The link of one record from `recordLinks`' answer. */
export const linkOf = (links: Map<string, RecordLink>, type: RecordType, id: string | null) =>
  id ? links.get(key(type, id)) : undefined;

/**
 * A company or organisation merged into another: its own name (public still: it became one of the
 * survivor's names) and the survivor's page. Null for any other record.
 */
export async function mergedRecord(type: RecordType, id: string): Promise<{ name: string; into: RecordLink } | null> {
  const select = { name: true, mergedInto: { select: { slug: true, name: true, status: true } } } as const;
  const record =
    type === 'COMPANY'
      ? await db.company.findUnique({ where: { id }, select })
      : type === 'ORGANIZATION'
        ? await db.organization.findUnique({ where: { id }, select })
        : null;
  const into = record?.mergedInto;
  if (!record || !into || into.status !== PUBLISHED) return null;
  const path = type === 'COMPANY' ? 'companies' : 'organizations';
  return { name: record.name, into: { href: `/${path}/${into.slug}`, name: into.name } };
}

/**
 * The id of the company, agency or organisation a history address names by its slug instead
 * (/history/company/salesforce), when the public may see its history: published, or merged into
 * one that is. Null for any other slug or kind of record.
 */
export async function historyIdOfSlug(type: RecordType, written: string): Promise<string | null> {
  // In any case, as the pages' addresses are read (/companies/Salesforce).
  const slug = written.toLowerCase();
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
  const where = { slug };
  const select = { id: true, status: true } as const;
  const record =
    type === 'COMPANY'
      ? await db.company.findUnique({ where, select })
      : type === 'AGENCY'
        ? await db.agency.findUnique({ where, select })
        : type === 'ORGANIZATION'
          ? await db.organization.findUnique({ where, select })
          : null;
  if (!record) {
    // Another name it goes by (/history/company/aws, /history/agency/dhs), as its page's address leads to it.
    const called =
      type === 'COMPANY' ? await companyCalled(slug) : type === 'AGENCY' ? await agencyCalled(slug) : null;
    return called && called !== slug ? historyIdOfSlug(type, called) : null;
  }
  return record.status === PUBLISHED || (await mergedRecord(type, record.id)) ? record.id : null;
}
