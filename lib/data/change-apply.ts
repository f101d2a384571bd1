import 'server-only';
import { ACTION_TERM_FIELDS } from '../vocabulary';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { DatePrecision, VocabularyKind } from '../generated/prisma/enums';
import { ensureCompanies } from '../records/companies';
import { revisionRow, sameJson } from '../records/revisions';
import { typedPlace } from '../import/places';
import { ensureCitation, ensureSourcesByUrl } from '../records/sources';
import { slugify } from '../slug';
import { equalsIgnoringCase, nameKey, plural, summarize } from '../text';
import type {
  AgencyInput,
  CompanyInput,
  ContractInput,
  DonationResponseInput,
  EmployeeActionInput,
  OrganizationInput,
  SourceInput,
  StatementInput,
} from '../validation/records';
import { amountsOutOfOrder, readAmount } from '../validation/records';
import { AGENCY_LEVEL_LABEL, CONTRACT_STATUS_LABEL } from '../labels';
import { isoPreciseDate } from '../dates';
import type { NameChoices } from '../name-suggestions';
import { contractsOutsideGroup } from './contract-links';
import { citationParted, parentWouldLoop } from '../records/company-parents';
import { citersOutsideGroup } from '../records/contract-citers';
import { findCompaniesByName, misspellings, swappedLetters } from './search';

type Tx = Prisma.TransactionClient;
type Party = { id: string } | { newName: string; confirmNew?: boolean };
export interface Applied {
  recordId: string;
  /** Companies whose pages show the record (their cache tags are refreshed). */
  companySlugs: string[];
  /** Whether filter menus (agencies) show the record. */
  vocabulary?: boolean;
  /** Whether other companies' pages may show it too (a company's name or parent). */
  everyCompany?: boolean;
}
export interface Actor {
  userId: string;
  reviewerId: string;
}

const actorName = (actor: Actor) => `user:${actor.userId}`;
/** Why a record created with a change that named it new (a company in an incident) exists: its step names that change's editor. */
const NAMED_NEW = 'Named new in a change by this editor; added when a reviewer published that change.';

/**
 * The current version of a record editors can change, and whether it is live (published, not
 * merged into another): an archived or merged record is not brought back by an edit or a restore.
 * Null when there is no such record.
 */
export async function currentState(tx: Tx, type: string, id: string): Promise<{ version: number; live: boolean } | null> {
  return (await currentStates(type, [id], tx)).get(id) ?? null;
}

/** `currentState` of many records of one kind at once (the review queue's list of what is stale), in one query. */
export async function currentStates(
  type: string,
  ids: string[],
  client: Tx | typeof db = db,
): Promise<Map<string, { version: number; live: boolean }>> {
  const rows = await liveFields(client, type, ids);
  return new Map(rows.map((row) => [row.id, { version: row.version, live: row.status === 'PUBLISHED' && !row.mergedIntoId }]));
}

async function liveFields(
  client: Tx | typeof db,
  type: string,
  ids: string[],
): Promise<{ id: string; version: number; status: string; mergedIntoId?: string | null }[]> {
  const where = { id: { in: ids } };
  const select = { id: true, version: true, status: true } as const;
  switch (type) {
    case 'DONATION_RESPONSE':
      return client.donationResponse.findMany({ where, select });
    case 'EMPLOYEE_ACTION':
      return client.employeeAction.findMany({ where, select });
    case 'COMPANY':
      return client.company.findMany({ where, select: { ...select, mergedIntoId: true } });
    case 'CONTRACT':
      return client.governmentContract.findMany({ where, select });
    case 'COMPANY_STATEMENT':
      return client.companyStatement.findMany({ where, select });
    case 'AGENCY':
      return client.agency.findMany({ where, select });
    case 'ORGANIZATION':
      return client.organization.findMany({ where, select: { ...select, mergedIntoId: true } });
    default:
      return [];
  }
}

type ReferenceOptions = {
  client?: Tx | typeof db;
  recordId?: string | null;
  /**
   * At publishing, a reviewer decides: a new company named like one published since it was
   * proposed is not held up by "did you mean"; an incident's company of the same name as one
   * published since is linked to it (a company's own form with the same name is still refused).
   */
  publishing?: boolean;
  /**
   * An editor sending a form: what they typed is checked beyond its references (a contract's amounts
   * in order). Publishing and restoring read what was checked then, or what the record held.
   */
  proposing?: boolean;
};

/** Field messages for references to records that do not exist (a forged or stale id, an unknown term). */
export async function checkReferences(type: string, payload: unknown, options: ReferenceOptions = {}): Promise<Record<string, string[]>> {
  return (await referenceProblems(type, payload, options)).errors;
}

/**
 * The names a proposal gives as new although they are like records on file, which its editor
 * confirmed to be others ("Sales Force Inc" beside Salesforce), each with the records it is like:
 * for the reviewer, who decides whether it is a duplicate before it splits the record. The "did you
 * mean" the editor answered, asked again of the proposal as it stands.
 */
export async function namesConfirmedAsNew(type: string, payload: unknown, recordId: string | null): Promise<NameChoices[]> {
  if (!payload || typeof payload !== 'object') return [];
  const asked = payload as Record<string, unknown>;
  const unconfirmed = (value: unknown) =>
    value && typeof value === 'object' && 'newName' in value ? { ...value, confirmNew: false } : value;
  const confirmedAny =
    asked.confirmNew === true ||
    [
      asked.company,
      asked.organization,
      ...(Array.isArray(asked.companies) ? asked.companies : []),
      ...(Array.isArray(asked.organizations) ? asked.organizations : []),
    ].some(
      (party) => party && typeof party === 'object' && (party as { confirmNew?: unknown }).confirmNew === true,
    );
  if (!confirmedAny) return [];
  const { choices } = await referenceProblems(
    type,
    {
      ...asked,
      confirmNew: false,
      company: unconfirmed(asked.company),
      organization: unconfirmed(asked.organization),
      ...(Array.isArray(asked.companies) && { companies: asked.companies.map(unconfirmed) }),
      ...(Array.isArray(asked.organizations) && { organizations: asked.organizations.map(unconfirmed) }),
    },
    { recordId },
  );
  return Object.values(choices).flat();
}

/**
 * The field messages of checkReferences, and for each "did you mean" the records it means, which
 * the form offers to choose (field -> the names typed there that are like records on file).
 */
export async function referenceProblems(
  type: string,
  payload: unknown,
  { client = db, recordId, publishing = false, proposing = false }: ReferenceOptions = {},
): Promise<{ errors: Record<string, string[]>; choices: Record<string, NameChoices[]> }> {
  const errors: Record<string, string[]> = {};
  const choices: Record<string, NameChoices[]> = {};
  const value = payload as Partial<DonationResponseInput & EmployeeActionInput & CompanyInput & ContractInput & StatementInput>;
  // (Agencies and organisations are checked by agencyProblems and organizationProblems below.)
  const sourceIds = (value.sources ?? []).flatMap((source) => ('sourceId' in source ? [source.sourceId] : []));
  const parties = [
    ...(value.company ? [value.company] : []),
    ...(value.companies ?? []),
  ].flatMap((party) => ('id' in party ? [party.id] : []));
  const organizationId = value.organization && 'id' in value.organization ? value.organization.id : null;
  const organizationIds = (value.organizations ?? []).flatMap((party) => ('id' in party ? [party.id] : []));
  const terms = [...(value.formSlugs ?? []), ...(value.issueSlugs ?? [])];
  const termsNamed = TERM_CHECKS.map(([field, kind]) => ({ kind, slug: { in: value[field] ?? [] } }));
  const contractIds = [...(value.contractIds ?? []), ...(value.contractId ? [value.contractId] : [])];
  const agencyIds = [value.agencyId, value.subAgencyId].filter((id): id is string => Boolean(id));
  const [sources, companies, organization, organizations, contracts, knownTerms, agencies] = await Promise.all([
    client.source.count({ where: { id: { in: sourceIds } } }),
    client.company.count({ where: { id: { in: parties }, status: 'PUBLISHED' } }),
    organizationId ? client.organization.count({ where: { id: organizationId, status: 'PUBLISHED' } }) : 1,
    organizationIds.length ? client.organization.count({ where: { id: { in: organizationIds }, status: 'PUBLISHED' } }) : 0,
    client.governmentContract.findMany({ where: { id: { in: contractIds } }, select: { id: true, status: true } }),
    client.vocabularyTerm.findMany({ where: { OR: termsNamed }, select: { kind: true, slug: true } }),
    client.agency.findMany({ where: { id: { in: agencyIds } }, select: { id: true, parentId: true } }),
  ]);
  const awarding = agencies.find((agency) => agency.id === value.agencyId);
  // The contract as it is recorded (its agencies, its company), read once, and only when a rule below needs it.
  type Recorded = {
    agencyId: string;
    subAgencyId: string | null;
    companyId: string;
    company: { name: string };
    contractStatus: string;
    statusChangedAt: Date | null;
    statusChangedPrecision: DatePrecision;
  };
  let recorded: Promise<Recorded | null> | undefined;
  const recordedContract = () =>
    (recorded ??= recordId
      ? client.governmentContract.findUnique({
          where: { id: recordId },
          select: {
            agencyId: true,
            subAgencyId: true,
            companyId: true,
            company: { select: { name: true } },
            contractStatus: true,
            statusChangedAt: true,
            statusChangedPrecision: true,
          },
        })
      : Promise.resolve(null));
  if (value.agencyId && !awarding) errors.agencyId = ['Choose the awarding agency from the list.'];
  // A contract names a department and, if the sources say, the agency under it: every page, list
  // and export finds an agency's contracts by those two. One under another agency awards only as
  // the sub-agency (a contract keeps an awarding agency given a parent since it was recorded).
  else if (awarding?.parentId && (await recordedContract())?.agencyId !== awarding.id) {
    errors.agencyId = ['Choose the department as the awarding agency, and the agency under it as the sub-agency.'];
  }
  // A contract keeps the pair of agencies it was recorded with (an import names them as the file
  // does), though the sub-agency is not under the awarding agency on record.
  if (value.subAgencyId && !agencies.some((agency) => agency.id === value.subAgencyId && agency.parentId === value.agencyId)) {
    const kept = await recordedContract();
    if (kept?.agencyId !== value.agencyId || kept?.subAgencyId !== value.subAgencyId) {
      errors.subAgencyId = ['Choose a sub-agency of the awarding agency.'];
    }
  }
  if (sources !== new Set(sourceIds).size) errors.sources = ['One of the chosen sources does not exist.'];
  if (companies !== new Set(parties).size) errors[type === 'EMPLOYEE_ACTION' ? 'companies' : 'company'] = ['Choose a company from the list, or add a new one.'];
  if (organization !== 1) errors.organization = ['Choose an organization from the list, or add a new one.'];
  if (organizations !== new Set(organizationIds).size) errors.organizations = ['Choose organizations from the list, or add new ones.'];
  const contractField = value.contractId ? 'contractId' : 'contractIds';
  // An archived contract stays cited by the records citing it when it was archived, but is not cited anew
  // (by a form, or a restored version that cited it).
  const archived = contracts.filter((contract) => contract.status !== 'PUBLISHED');
  const citedNow = archived.length && recordId ? await contractsCitedBy(client, type, recordId) : new Set<string>();
  const anew = archived.find((contract) => !citedNow.has(contract.id));
  if (contracts.length !== new Set(contractIds).size) errors[contractField] = ['One of the chosen contracts does not exist.'];
  else if (anew) {
    // Named (a restored version's contracts were chosen by whoever wrote it, not by the reviewer
    // restoring it) by its address alone: what an archived record said is for reviewers only.
    errors[contractField] = [`The contract /contracts/${anew.id} was archived (taken off the public pages): it cannot be cited anew.`];
  } else if (!errors.company && !errors.companies) {
    const [other] = await contractsOutsideGroup(client, parties, contractIds);
    const named = type === 'EMPLOYEE_ACTION' ? 'the companies named here' : 'the company named here';
    if (other) errors[contractField] = [`“${other.title}” is ${other.company}’s contract: choose a contract of ${named}, of a parent or of a subsidiary.`];
  }
  // A contract changes hands only to a company of the group of the records citing it (a contractor
  // put right from Microsoft to its subsidiary, not to Amazon under Microsoft's employees' letter).
  if (type === 'CONTRACT' && recordId && value.company && !errors.company) {
    const holder = 'id' in value.company ? value.company.id : null;
    const stored = await recordedContract();
    const citers = stored && stored.companyId !== holder ? await citersOutsideGroup(client, recordId, holder) : [];
    const [first] = citers;
    if (stored && first) {
      const more = citers.length > 1 ? ` and ${plural(citers.length - 1, 'other record', 'other records')}` : '';
      errors.company = [
        `${/^[aeiou]/.test(first.kind) ? 'An' : 'A'} ${first.kind} on record (“${summarize(first.label, 80)}”)${more} cite${more ? '' : 's'} this contract as ${stored.company.name}’s: take the contract off ${more ? 'them' : 'it'} first, or choose a company of ${stored.company.name}’s group.`,
      ];
    }
  }
  // A status changed by this edit, dated as the earlier one was: the form came filled with the day
  // the earlier status took effect, which the record would now give the new one (the diff shows no
  // change of date). Asked for the new status's own day, or none (known as of the day it is published).
  if (type === 'CONTRACT' && recordId && proposing && value.contractStatus && value.statusSince && !errors.statusSince) {
    const stored = await recordedContract();
    if (
      stored?.statusChangedAt &&
      stored.contractStatus !== value.contractStatus &&
      isoPreciseDate(stored.statusChangedAt, stored.statusChangedPrecision) ===
        isoPreciseDate(day(value.statusSince.date), value.statusSince.precision)
    ) {
      const [was, now] = [stored.contractStatus, value.contractStatus].map((status) => (CONTRACT_STATUS_LABEL[status] ?? status).toLowerCase());
      errors.statusSince = [
        `This is when the earlier status (${was}) took effect: give the day the contract became ${now}, or leave the date empty if the sources do not say.`,
      ];
    }
  }
  const newCompanies = [
    ...(type === 'COMPANY' && value.name ? [{ field: 'name', name: value.name, confirmed: Boolean(value.confirmNew) }] : []),
    ...[...(value.company ? [value.company] : []), ...(value.companies ?? [])].flatMap((party) =>
      'newName' in party ? [{ field: type === 'EMPLOYEE_ACTION' ? 'companies' : 'company', name: party.newName, confirmed: Boolean(party.confirmNew) }] : [],
    ),
  ];
  const warned = new Set<string>();
  for (const candidate of newCompanies) {
    // The same name on two lines of a list is one problem.
    if (warned.has(`${candidate.field}:${candidate.name}`)) continue;
    const self = candidate.field === 'name' ? (recordId ?? null) : null;
    // At publishing, a company named in an incident that has been published since it was sent
    // (its own change published first) is the one it means: publishing links it, as it would have
    // been chosen had it been on record then.
    const linked = publishing && candidate.field !== 'name';
    // A new company's own form opens its likes (a link beside the field); an incident's fills one in.
    const advice =
      candidate.field !== 'name'
        ? { like: 'Choose it', same: 'choose it instead of adding it again' }
        : self
          ? {
              like: 'Open it if it is this company',
              // Renamed to a name another company has: two records of one company are one by a merge, not by a name.
              same: 'if it is this company, an admin merges the two (Administration, Merge duplicates) rather than renaming one',
            }
          : { like: 'Open it instead of adding it again', same: 'open it rather than adding it again: a name already on record cannot be confirmed as another company' };
    // A company's own name is like its parent's or its subsidiaries' by nature (Bosch.IO GmbH and Bosch): not asked about.
    const related = candidate.field === 'name' ? await relatedCompanySlugs((value as Partial<CompanyInput>).parent, self) : [];
    const warning = await duplicateWarning(candidate.name, self, candidate.confirmed || publishing, linked, advice, related);
    if (!warning) continue;
    warned.add(`${candidate.field}:${candidate.name}`);
    (errors[candidate.field] ??= []).push(warning.message);
    // A new company's own name is not changed to another's: its likes are opened, not filled in.
    const fill = candidate.field !== 'name';
    if (warning.names.length) {
      (choices[candidate.field] ??= []).push({ typed: candidate.name, kind: 'companies', names: warning.names, fill });
    }
  }
  // A new organisation an incident names (a donation's recipient, an action's), asked about unless
  // confirmed. Not at publishing, as for companies (duplicateWarning): the editor answered it when
  // sending, and a name like one published since is not the reviewer's to confirm (publishing links the very name).
  const namedOrganizations = publishing
    ? []
    : [
        ...(value.organization ? [{ field: 'organization', party: value.organization }] : []),
        ...(value.organizations ?? []).map((party) => ({ field: 'organizations', party })),
      ];
  for (const { field, party } of namedOrganizations) {
    if (!('newName' in party) || party.confirmNew) continue;
    const warning = await organizationWarning(party.newName, null, 'Use its name');
    if (!warning) continue;
    (errors[field] ??= []).push(warning.message);
    (choices[field] ??= []).push({ typed: party.newName, kind: 'organizations', names: warning.names, fill: true });
  }
  if (type === 'COMPANY') Object.assign(errors, await parentProblems(client, value.parent, recordId ?? null, choices));
  if (type === 'COMPANY' && value.aliases?.length) {
    const message = await aliasProblem(client, value.aliases, recordId ?? null);
    if (message) errors.aliases = [message];
  }
  if (type === 'CONTRACT' && proposing) {
    const message = await amountOrderProblem(client, value as Partial<ContractInput>, recordId ?? null);
    if (message) (errors.potentialAmount ??= []).push(message);
  }
  if (type === 'AGENCY') Object.assign(errors, await agencyProblems(client, value as Partial<AgencyInput>, recordId ?? null));
  if (type === 'ORGANIZATION') Object.assign(errors, await organizationProblems(client, value as Partial<OrganizationInput>, recordId ?? null));
  // A new organisation named or abbreviated like one on record ("RAICES", "R.A.I.C.E.S.") asks
  // "did you mean" until the editor confirms, as a new company does: a duplicate would split the
  // record, and take the links typed with the name it shares.
  const newOrganization = value as Partial<OrganizationInput>;
  if (type === 'ORGANIZATION' && !recordId && !publishing && newOrganization.name && !newOrganization.confirmNew && !errors.name) {
    const warning = await organizationWarning(newOrganization.name, newOrganization.acronym ?? null, 'Open it instead of adding it again');
    if (warning) {
      errors.name = [warning.message];
      choices.name = [{ typed: newOrganization.name, kind: 'organizations', names: warning.names, fill: false }];
    }
  }
  // A new agency too ("U.S. Department of Defense" beside the Department of Defense).
  const newAgency = value as Partial<AgencyInput>;
  if (type === 'AGENCY' && !recordId && !publishing && newAgency.name && !newAgency.confirmNew && !errors.name && !errors.acronym) {
    const warning = await agencyWarning(newAgency.name, newAgency.parentId ?? null);
    if (warning) {
      errors.name = [warning.message];
      choices.name = [{ typed: newAgency.name, kind: 'agencies', names: warning.names, fill: false }];
    }
  }
  const known = new Set(knownTerms.map((term) => `${term.kind}:${term.slug}`));
  for (const [field, kind, message] of TERM_CHECKS) {
    if ((value[field] ?? []).some((slug) => !known.has(`${kind}:${slug}`))) errors[field] = [message];
  }
  if (terms.length === 0 && type === 'EMPLOYEE_ACTION' && !errors.formSlugs) errors.formSlugs = ['Choose at least one form of action.'];
  return { errors, choices };
}

/** Another name that is already another company's (or means nothing once normalised) cannot be added. */
async function aliasProblem(client: Tx | typeof db, aliases: string[], self: string | null): Promise<string | null> {
  const empty = aliases.find((alias) => !nameKey(alias));
  if (empty) return `“${empty}” has no letters or digits to recognise it by.`;
  const taken = await client.companyAlias.findMany({
    where: { key: { in: aliases.map(nameKey) }, ...(self ? { companyId: { not: self } } : {}) },
    select: { name: true, company: { select: { name: true, slug: true } } },
  });
  const first = taken[0];
  return first
    ? `“${first.name}” is already a name of ${first.company.name} (/companies/${first.company.slug}); merge the two companies instead.`
    : null;
}

/** The contracts a record cites now (an action, a donation response or a statement). */
async function contractsCitedBy(client: Tx | typeof db, type: string, recordId: string): Promise<Set<string>> {
  const rows =
    type === 'EMPLOYEE_ACTION'
      ? await client.employeeActionContract.findMany({ where: { actionId: recordId }, select: { contractId: true } })
      : type === 'DONATION_RESPONSE'
        ? await client.donationResponseContract.findMany({ where: { donationResponseId: recordId }, select: { contractId: true } })
        : type === 'COMPANY_STATEMENT'
          ? await client.companyStatement.findMany({ where: { id: recordId, contractId: { not: null } }, select: { contractId: true } })
          : [];
  return new Set(rows.flatMap((row) => (row.contractId ? [row.contractId] : [])));
}

/**
 * A potential value below the obligated amount, refused unless both amounts are the contract's
 * already: an imported award can say so (USAspending's files hold such), and correcting its status
 * or title does not wait on amounts the government wrote.
 */
async function amountOrderProblem(client: Tx | typeof db, value: Partial<ContractInput>, self: string | null): Promise<string | null> {
  const message = amountsOutOfOrder(value.obligatedAmount, value.potentialAmount);
  if (!message || !self) return message;
  const stored = await client.governmentContract.findUnique({ where: { id: self }, select: { obligatedAmount: true, potentialAmount: true } });
  // Read as the form reads it (a form's raw text too): one it refuses is no stored amount.
  const same = (typed: unknown, kept: Prisma.Decimal | null | undefined) => {
    const read = readAmount(typed);
    return read !== null && Boolean(kept?.equals(read));
  };
  return stored && same(value.obligatedAmount, stored.obligatedAmount) && same(value.potentialAmount, stored.potentialAmount) ? null : message;
}

/**
 * No name of an agency (name, other name) is any name of another, nor its acronym another's name or
 * other name (acronyms may repeat), compared as names are (nameKey: "U.S. Army" is "US Army",
 * "Department  of Homeland-Security." is the Department of Homeland Security), so that search never
 * leads to the wrong one and no agency is on record twice (an agency named "DoD" beside the
 * Department of Defense); its parent exists and is not the agency itself or below it.
 */
async function agencyProblems(client: Tx | typeof db, value: Partial<AgencyInput>, self: string | null): Promise<Record<string, string[]>> {
  const errors: Record<string, string[]> = {};
  const all = await client.agency.findMany({
    select: { id: true, slug: true, name: true, acronym: true, aliases: true, parentId: true, status: true, country: true, level: true },
  });
  const others = all.filter((agency) => agency.id !== self);
  // The agency as it stands, when the change is to one on record.
  const present = self ? all.find((agency) => agency.id === self) : undefined;
  const keys = (names: (string | null | undefined)[]) => names.map((name) => nameKey(name ?? '')).filter(Boolean);
  const owner = (key: string, { acronyms = true } = {}) =>
    others.find((agency) => keys([agency.name, ...(acronyms ? [agency.acronym] : []), ...agency.aliases]).includes(key));
  for (const field of ['name', 'acronym'] as const) {
    const typed = value[field];
    const key = nameKey(typed ?? '');
    const taken = key ? owner(key, { acronyms: field === 'name' }) : undefined;
    if (!taken) continue;
    const where = `${taken.name} (/agencies/${taken.slug})`;
    if (nameKey(taken.name) === key) errors[field] = [`${taken.name} is already on record (/agencies/${taken.slug}).`];
    else if (nameKey(taken.acronym ?? '') === key) errors[field] = [`“${typed}” is already the acronym of ${where}.`];
    else errors[field] = [`“${typed}” is another name of ${where}: correct that agency instead.`];
  }
  const unfound = value.aliases?.find((alias) => !nameKey(alias));
  if (unfound !== undefined) errors.aliases = [`“${unfound}” has no letters or digits to find the agency by.`];
  for (const alias of unfound === undefined ? (value.aliases ?? []) : []) {
    const taken = owner(nameKey(alias));
    if (taken) {
      errors.aliases = [`“${alias}” names ${taken.name} (/agencies/${taken.slug}): it cannot name this agency too.`];
      break;
    }
  }
  if (value.parentId) {
    const parent = all.find((agency) => agency.id === value.parentId && agency.status === 'PUBLISHED');
    const below = new Set(self ? [self] : []);
    for (let grew = true; grew; ) {
      grew = false;
      for (const agency of all) {
        if (agency.parentId && below.has(agency.parentId) && !below.has(agency.id)) {
          below.add(agency.id);
          grew = true;
        }
      }
    }
    if (!parent) errors.parentId = ['Choose the parent agency from the list.'];
    else if (below.has(parent.id)) errors.parentId = ['An agency cannot belong to itself or to one of its own sub-agencies.'];
    else if (value.parentId !== present?.parentId) {
      const problem = await newParentProblem(client, parent, all, self);
      if (problem) errors.parentId = [problem];
    }
    // Part of a department, an agency is of its government: a UK local agency is no part of the U.S.
    // Department of Defense.
    if (parent && value.country && value.country !== parent.country) {
      errors.country = [`An agency part of ${parent.name} has its country: ${parent.country}.`];
    }
    if (parent && value.level && value.level !== parent.level) {
      const level = AGENCY_LEVEL_LABEL[parent.level] ?? parent.level;
      errors.level = [`An agency part of ${parent.name} has its level: ${level}.`];
    }
  }
  // A department's agencies are of its country and level: it keeps them while it has any.
  const children = present ? all.filter((agency) => agency.parentId === present.id) : [];
  if (present && children.length) {
    const theirs = `${plural(children.length, 'agency', 'agencies')} part of it`;
    if (value.country && value.country !== present.country) {
      errors.country = [`${present.name} has ${theirs}, of its country (${present.country}): it keeps it.`];
    }
    if (value.level && value.level !== present.level) {
      const level = AGENCY_LEVEL_LABEL[present.level] ?? present.level;
      errors.level = [`${present.name} has ${theirs}, of its level (${level}): it keeps it.`];
    }
  }
  // Contracts that name the agency as their sub-agency name it under their awarding department: its
  // department changed or taken away, they would count under one it is no longer part of.
  if (present && value.parentId !== undefined && (value.parentId ?? null) !== present.parentId && !errors.parentId) {
    const where = { subAgencyId: present.id, ...(value.parentId && { agencyId: { not: value.parentId } }) };
    const [count, awarding] = await Promise.all([
      client.governmentContract.count({ where }),
      client.governmentContract.findMany({ where, distinct: ['agencyId'], select: { agency: { select: { name: true } } } }),
    ]);
    if (count) {
      const departments = awarding.map((contract) => contract.agency.name).join(' and ');
      errors.parentId = [
        `${present.name} is the sub-agency of ${plural(count, 'contract', 'contracts')} awarded by ${departments}: its department cannot change while ${count === 1 ? 'it names' : 'they name'} it so (they would count under a department it is no longer part of).`,
      ];
    }
  }
  return errors;
}

/**
 * Agencies are departments and the agencies under them, as contracts name them (the awarding
 * department and its sub-agency): every page, list and export finds an agency's contracts by those
 * two, so a new parent keeps that true. It is a department, not an agency under one; and the agency
 * put under it neither has agencies under it nor awards contracts as the department itself (they
 * would fall out of the new department's contracts).
 */
async function newParentProblem(
  client: Tx | typeof db,
  parent: { id: string; name: string; parentId: string | null },
  all: { id: string; name: string; parentId: string | null }[],
  self: string | null,
): Promise<string | null> {
  const above = all.find((agency) => agency.id === parent.parentId);
  if (above) return `${parent.name} is itself part of ${above.name}: choose a department (${above.name}, say).`;
  if (!self) return null;
  const name = all.find((agency) => agency.id === self)?.name ?? 'This agency';
  if (all.some((agency) => agency.parentId === self)) {
    return `${name} has agencies under it: a department cannot be put under another.`;
  }
  const awarded = await client.governmentContract.count({ where: { agencyId: self } });
  return awarded
    ? `${name} is the awarding agency of ${awarded === 1 ? 'a contract' : `${awarded} contracts`}: record ${awarded === 1 ? 'it' : 'them'} as awarded by ${parent.name}, with ${name} as the sub-agency, before putting ${name} under it.`
    : null;
}

/**
 * An organisation's name is not another's, nor that of one merged into another: a new one of that
 * name would undo the merge (forms already read the name as the survivor's).
 */
async function organizationProblems(client: Tx | typeof db, value: Partial<OrganizationInput>, self: string | null): Promise<Record<string, string[]>> {
  if (!value.name) return {};
  const same = await client.organization.findFirst({
    where: { name: equalsIgnoringCase(value.name), ...(self ? { id: { not: self } } : {}) },
    orderBy: { mergedIntoId: { sort: 'asc', nulls: 'first' } },
    select: { id: true, slug: true, name: true, mergedIntoId: true },
  });
  if (!same) return {};
  if (!same.mergedIntoId) return { name: [`${same.name} is already on record (/organizations/${same.slug}).`] };
  const survivorId = (await survivors(client, 'organizations', [same.id])).get(same.id) ?? same.mergedIntoId;
  const survivor = await client.organization.findUnique({ where: { id: survivorId }, select: { slug: true, name: true } });
  return {
    name: [`${same.name} was merged into ${survivor?.name ?? 'another organization'}${survivor ? ` (/organizations/${survivor.slug})` : ''}: it is on record under that name.`],
  };
}

/**
 * Before a new company is made, or one is renamed (`self`, its id): the same name (after
 * normalisation) is refused, and a name like another company's ("Sales Force", "salesforce.com")
 * asks "did you mean" until the editor confirms. A company keeping its name is not asked.
 */
async function duplicateWarning(
  name: string,
  self: string | null,
  confirmed: boolean,
  linkPublished: boolean,
  /** What to do instead, for the form it is said in: of a name like another's, and of another's own. */
  advice: { like: string; same: string },
  /** The slugs of companies not to offer as what it may mean: its parent and subsidiaries. */
  related: string[] = [],
): Promise<NameWarning | null> {
  const same = await db.companyAlias.findUnique({
    where: { key: nameKey(name) },
    select: { company: { select: { id: true, name: true, slug: true, status: true } } },
  });
  if (same && same.company.id === self) return null;
  if (same && linkPublished && same.company.status === 'PUBLISHED') return null;
  if (same) {
    const { name: known, slug, status } = same.company;
    // Only a published company can be chosen (or opened): one still in review is named, not offered.
    const names = status === 'PUBLISHED' ? [{ slug, name: known }] : [];
    return { message: `${known} is already on record (/companies/${slug}): ${advice.same}.`, names };
  }
  if (confirmed) return null;
  const current = self ? await db.company.findUnique({ where: { id: self }, select: { name: true, slug: true } }) : null;
  if (current && nameKey(current.name) === nameKey(name)) return null;
  const similar = (await findCompaniesByName(name, 4 + related.length))
    .filter((company) => company.slug !== current?.slug && !related.includes(company.slug))
    .slice(0, 3);
  return similar.length
    ? {
        message: `Did you mean ${similar.map((company) => company.name).join(' or ')}? ${adviceFor(advice.like, similar.length)}, or confirm that “${name}” is a different company.`,
        names: similar.map(({ slug, name: known }) => ({ slug, name: known })),
      }
    : null;
}

/**
 * The slugs of a company's parent (the one its form chooses, or, when the form leaves it as it is,
 * the one on record) and of its subsidiaries on record.
 */
async function relatedCompanySlugs(parent: CompanyInput['parent'], self: string | null): Promise<string[]> {
  const parentId = parent && 'id' in parent ? parent.id : null;
  const current = parent === undefined && self ? await db.company.findUnique({ where: { id: self }, select: { parentId: true } }) : null;
  const ids = [parentId, current?.parentId].filter((id): id is string => Boolean(id));
  if (!ids.length && !self) return [];
  const related = await db.company.findMany({
    where: { OR: [{ id: { in: ids } }, ...(self ? [{ parentId: self }] : [])] },
    select: { slug: true },
  });
  return related.map((company) => company.slug);
}

/** What to do instead of adding a name, said of one record ("Open it", "Use its name") or of several ("Open one of them"). */
const adviceFor = (advice: string, count: number) =>
  count < 2 ? advice : advice.replace(/\bits name\b/, 'the name of one of them').replace(/\bit\b/, 'one of them');

/** A name's warning, and the records it names. */
type NameWarning = { message: string; names: { slug: string; name: string }[] };

/**
 * Before a new organisation is made, from an incident form or its own: one whose name is like it
 * ("RAICES Texas" and RAICES, by trigram similarity, one name inside the other, or its acronym as
 * a word of it, dots and all: "R.A.I.C.E.S."), or whose acronym is the one given, asks "did you
 * mean" until the editor confirms. `advice`: what to do instead, for the form it is said in.
 */
async function organizationWarning(name: string, acronym: string | null, advice: string): Promise<NameWarning | null> {
  // An acronym mistyped by a letter ("RAICEZ", "RIACES"), which trigrams forgive least in a short
  // word: a one-word name, or the acronym given, against acronyms read as their letters ("AFL-CIO").
  const lettersOf = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');
  const mistyped = [...(/\s/.test(name.trim()) ? [] : [lettersOf(name)]), ...(acronym ? [lettersOf(acronym)] : [])].flatMap(
    (letters) => [...swappedLetters(letters), ...misspellings(letters)],
  );
  const similar = await db.$queryRaw<{ slug: string; name: string; acronym: string | null }[]>`
    SELECT slug, name, acronym FROM organizations
    WHERE status = 'PUBLISHED' AND merged_into_id IS NULL
      -- The same name is that organisation (organizationIdFor links it), not a near-duplicate.
      AND lower(name) <> lower(${name})
      AND (lower(name) % lower(${name}) OR strpos(lower(name), lower(${name})) > 0 OR strpos(lower(${name}), lower(name)) > 0
        OR (acronym IS NOT NULL AND (strpos(' ' || lower(${name}) || ' ', ' ' || lower(acronym) || ' ') > 0
          OR lower(acronym) = regexp_replace(lower(${name}), '[^[:alnum:]]', '', 'g')
          OR lower(acronym) = lower(${acronym ?? ''})
          OR regexp_replace(lower(acronym), '[^a-z]', '', 'g') = ANY(${mistyped}::text[]))))
    ORDER BY similarity(lower(name), lower(${name})) DESC, name LIMIT 3`;
  return similar.length
    ? {
        message: `Did you mean ${similar.map((organization) => (organization.acronym ? `${organization.name} (${organization.acronym})` : organization.name)).join(' or ')}? ${adviceFor(advice, similar.length)}, or confirm that “${name}” is a different organization.`,
        names: similar.map(({ slug, name: known }) => ({ slug, name: known })),
      }
    : null;
}

/**
 * Before a new agency is made: one on record whose name or other name is much like it (trigram
 * similarity of 0.6 or more: "U.S. Department of Defense" and the Department of Defense, but not the
 * Department of Energy, which shares only "Department of"), one inside the other, or whose acronym
 * is a word of the name ("DHS Office of Testing"), asks "did you mean" until the editor confirms.
 * The same name, acronym or other name is refused outright (agencyProblems); the same acronym is
 * not a warning, since agencies of other governments go by the same letters. The department it is
 * placed under is asked about only for a name much like its own: an office named after its
 * department ("DHS Office of Procurement", part of DHS) is not that department.
 */
async function agencyWarning(name: string, parentId: string | null): Promise<NameWarning | null> {
  const similar = await db.$queryRaw<{ slug: string; name: string; acronym: string | null }[]>`
    SELECT slug, name, acronym FROM agencies
    WHERE status = 'PUBLISHED'
      AND (EXISTS (SELECT FROM unnest(array_append(aliases, name)) AS known WHERE similarity(lower(known), lower(${name})) >= 0.6)
        OR (id IS DISTINCT FROM ${parentId}
          AND (EXISTS (SELECT FROM unnest(array_append(aliases, name)) AS known
                 WHERE strpos(lower(known), lower(${name})) > 0 OR strpos(lower(${name}), lower(known)) > 0)
            OR (acronym IS NOT NULL AND (strpos(' ' || lower(${name}) || ' ', ' ' || lower(acronym) || ' ') > 0
              OR lower(acronym) = regexp_replace(lower(${name}), '[^[:alnum:]]', '', 'g'))))))
    ORDER BY similarity(lower(name), lower(${name})) DESC, name LIMIT 3`;
  return similar.length
    ? {
        message: `Did you mean ${similar.map((agency) => (agency.acronym ? `${agency.name} (${agency.acronym})` : agency.name)).join(' or ')}? ${adviceFor('Open it instead of adding it again', similar.length)}, or confirm that “${name}” is a different agency.`,
        names: similar.map(({ slug, name: known }) => ({ slug, name: known })),
      }
    : null;
}

/**
 * The change with each company and organisation it names by id replaced by the one it was merged
 * into since it was proposed (followed through later merges): a merge moves every link, those
 * still waiting for review too. Those named: an incident's parties, and a company's parent.
 */
type Parties = { company?: Party; companies?: Party[]; organization?: Party | null; organizations?: Party[]; parent?: Party | null };
const idsOf = (parties: (Party | null | undefined)[]) => parties.flatMap((party) => (party && 'id' in party ? [party.id] : []));

/**
 * The companies and organisations on record that a payload names, as lock keys: taken with the
 * record's own, so that a merge of one of them waits for the publish to end (and moves what it
 * wrote), or the publish for the merge (and follows it).
 */
export function partiesNamed(payload: unknown): [type: string, id: string][] {
  const value = payload as Parties & { contractIds?: string[]; contractId?: string | null };
  return [
    ...idsOf([value.company, ...(value.companies ?? []), value.parent]).map((id): [string, string] => ['COMPANY', id]),
    ...idsOf([value.organization, ...(value.organizations ?? [])]).map((id): [string, string] => ['ORGANIZATION', id]),
    // The contracts it cites: a contract's change of company, published at the same moment, is
    // checked against this record or this record against it, never both against what was before.
    ...[...(value.contractIds ?? []), ...(value.contractId ? [value.contractId] : [])].map(
      (id): [string, string] => ['CONTRACT', id],
    ),
  ];
}

/** The payload naming, for each company or organisation merged into another since, the one it lives on in (as publishing writes it). */
export async function followMerges(client: Tx | typeof db, payload: unknown): Promise<unknown> {
  const value = payload as Parties;
  const [companies, organizations] = await Promise.all([
    survivors(client, 'companies', idsOf([value.company, ...(value.companies ?? []), value.parent])),
    survivors(client, 'organizations', idsOf([value.organization, ...(value.organizations ?? [])])),
  ]);
  if (companies.size === 0 && organizations.size === 0) return payload;
  const follow = (moved: Map<string, string>) => (party: Party) => ('id' in party && moved.has(party.id) ? { id: moved.get(party.id)! } : party);
  return {
    ...value,
    ...(value.company ? { company: follow(companies)(value.company) } : {}),
    ...(value.companies ? { companies: value.companies.map(follow(companies)) } : {}),
    ...(value.parent ? { parent: follow(companies)(value.parent) } : {}),
    ...(value.organization ? { organization: follow(organizations)(value.organization) } : {}),
    ...(value.organizations ? { organizations: value.organizations.map(follow(organizations)) } : {}),
  };
}

/** For each of these ids whose record was merged: the id of the record it lives on in now. */
export async function survivors(client: Tx | typeof db, table: 'companies' | 'organizations', ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await client.$queryRaw<{ start: string; id: string }[]>`
    WITH RECURSIVE chain AS (
      SELECT id AS start, id, merged_into_id, 0 AS hops FROM ${Prisma.raw(table)} WHERE id = ANY(${ids}) AND merged_into_id IS NOT NULL
      UNION ALL
      SELECT chain.start, t.id, t.merged_into_id, chain.hops + 1
      FROM ${Prisma.raw(table)} t JOIN chain ON t.id = chain.merged_into_id WHERE chain.hops < 10
    ) SELECT start, id FROM chain WHERE merged_into_id IS NULL`;
  return new Map(rows.map((row) => [row.start, row.id]));
}

async function sourceIdsFor(tx: Tx, sources: SourceInput[], actor: Actor): Promise<string[]> {
  const urls = sources.flatMap((source) => ('url' in source ? [source.url] : []));
  const { ids } = await ensureSourcesByUrl(tx, urls, { actor: actorName(actor) });
  const idOf = async (source: SourceInput) =>
    'url' in source
      ? (ids.get(source.url) as string)
      : 'citation' in source
        ? await ensureCitation(tx, source.citation, { actor: actorName(actor) })
        : source.sourceId;
  const sourceIds: string[] = [];
  // One after the other: two citations alike in one form are one source.
  for (const source of sources) sourceIds.push(await idOf(source));
  return [...new Set(sourceIds)];
}

async function companyIdFor(tx: Tx, party: Party, sourceIds: string[], actor: Actor): Promise<string> {
  if ('id' in party) return party.id;
  const { idByKey } = await ensureCompanies(tx, [{ name: party.newName }], {
    actor: actorName(actor),
    reason: NAMED_NEW,
    sourceIds,
    status: 'PUBLISHED',
  });
  return [...idByKey.values()][0] as string;
}

async function organizationIdFor(tx: Tx, party: Party | null, sourceIds: string[], actor: Actor): Promise<string | null> {
  if (!party) return null;
  if ('id' in party) return party.id;
  // An organisation of that name already on record: the live one, or the one a merged one lives on in;
  // else one of that acronym, as a form reads a name typed (resolveOrganizationName): "TWC" published
  // since it was sent is that organisation, not a new one named TWC.
  const onRecord = (named: Prisma.OrganizationWhereInput) =>
    tx.organization.findFirst({
      where: { ...named, OR: [{ status: 'PUBLISHED', mergedIntoId: null }, { mergedIntoId: { not: null } }] },
      orderBy: [{ mergedIntoId: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
      select: { id: true },
    });
  const existing =
    (await onRecord({ name: equalsIgnoringCase(party.newName) })) ??
    (await onRecord({ acronym: equalsIgnoringCase(party.newName) }));
  if (existing) return (await survivors(tx, 'organizations', [existing.id])).get(existing.id) ?? existing.id;
  const slug = await freeSlug(party.newName, async (candidate) => Boolean(await tx.organization.findUnique({ where: { slug: candidate }, select: { id: true } })));
  const created = await tx.organization.create({
    data: { name: party.newName, slug, status: 'PUBLISHED', sources: { create: sourceIds.map((sourceId) => ({ sourceId })) } },
  });
  await tx.revision.create({
    data: revisionRow({ recordType: 'ORGANIZATION', recordId: created.id, kind: 'CREATE', userId: actor.userId, reason: NAMED_NEW, after: created }),
  });
  return created.id;
}

async function slugsOf(tx: Tx, companyIds: string[]): Promise<string[]> {
  return (await tx.company.findMany({ where: { id: { in: companyIds } }, select: { slug: true } })).map((company) => company.slug);
}

/** The contractors of these contracts: a profile counts the actions and donation responses that name its contracts. */
export async function contractorSlugsOf(tx: Tx, contractIds: string[]): Promise<string[]> {
  if (contractIds.length === 0) return [];
  const contracts = await tx.governmentContract.findMany({ where: { id: { in: contractIds } }, select: { company: { select: { slug: true } } } });
  return contracts.map((contract) => contract.company.slug);
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function applyDonationResponse(tx: Tx, recordId: string | null, input: DonationResponseInput, actor: Actor): Promise<Applied> {
  const sourceIds = await sourceIdsFor(tx, input.sources, actor);
  const companyId = await companyIdFor(tx, input.company, sourceIds, actor);
  const organizationId = await organizationIdFor(tx, input.organization, sourceIds, actor);
  const data = {
    companyId,
    organizationId,
    date: day(input.date.date),
    datePrecision: input.date.precision,
    amount: input.amount,
    currency: input.currency,
    amountUndisclosed: input.amountUndisclosed,
    response: input.response,
    reason: input.reason,
    quote: input.quote,
    quoteAttribution: input.quoteAttribution,
    status: 'PUBLISHED' as const,
  };
  const before = recordId
    ? await tx.donationResponse.findUnique({ where: { id: recordId }, select: { company: { select: { slug: true } }, contracts: { select: { contractId: true } } } })
    : null;
  const record = recordId
    ? await tx.donationResponse.update({ where: { id: recordId }, data: { ...data, version: { increment: 1 } } })
    : await tx.donationResponse.create({ data });
  await tx.donationResponseSource.deleteMany({ where: { donationResponseId: record.id } });
  await tx.donationResponseSource.createMany({ data: sourceIds.map((sourceId) => ({ donationResponseId: record.id, sourceId })) });
  await tx.donationResponseContract.deleteMany({ where: { donationResponseId: record.id } });
  // Each once, as in the diff the reviewer read: a change sent before its form collapsed a contract given twice holds both.
  await tx.donationResponseContract.createMany({ data: [...new Set(input.contractIds)].map((contractId) => ({ donationResponseId: record.id, contractId })) });
  const slugs = await slugsOf(tx, [companyId]);
  const contractors = await contractorSlugsOf(tx, [...input.contractIds, ...(before?.contracts.map((link) => link.contractId) ?? [])]);
  return { recordId: record.id, companySlugs: [...slugs, ...contractors, ...(before ? [before.company.slug] : [])] };
}

/**
 * Slugs of one list as publishing links them: each term merged since as the term it was merged into
 * (followed through later merges), each once, in the order given; a slug no term has, as it is. One
 * query, on the transaction's client when there is one.
 */
export async function survivingTermSlugs(client: Tx | typeof db, kind: VocabularyKind, slugs: string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const terms = await client.vocabularyTerm.findMany({ where: { kind }, select: { id: true, kind: true, slug: true, mergedIntoId: true } });
  return [...new Set(slugs.map(survivorSlugs(terms)(kind)))];
}

/**
 * Of these terms, the slug a term of a kind lives on under: its own, or, merged, that of the term it
 * went into (and that one's, should it have been merged in turn); a slug not among them as it is.
 */
export function survivorSlugs(
  terms: { id: string; kind: string; slug: string; mergedIntoId: string | null }[],
): (kind: string) => (slug: string) => string {
  const byId = new Map(terms.map((term) => [term.id, term]));
  const bySlug = new Map(terms.map((term) => [`${term.kind}:${term.slug}`, term]));
  return (kind) => (slug) => {
    let term = bySlug.get(`${kind}:${slug}`);
    for (let hop = 0; hop < 10 && term?.mergedIntoId; hop += 1) term = byId.get(term.mergedIntoId);
    return term?.slug ?? slug;
  };
}

/**
 * The terms to link: a term merged since the change was proposed is replaced by the one it was
 * merged into (and that one's, should it have been merged in turn), each once.
 */
async function survivingTerms(tx: Tx, found: { id: string; mergedIntoId: string | null }[]): Promise<{ id: string }[]> {
  let terms = found;
  for (let step = 0; step < 10 && terms.some((term) => term.mergedIntoId); step += 1) {
    const next = [...new Set(terms.map((term) => term.mergedIntoId ?? term.id))];
    terms = await tx.vocabularyTerm.findMany({ where: { id: { in: next } }, select: { id: true, mergedIntoId: true } });
  }
  return [...new Set(terms.map((term) => term.id))].map((id) => ({ id }));
}

/**
 * The terms to link (survivingTerms), locked until the transaction ends: an admin merging one of
 * them waits for the action to be written, then moves its link; one merged just before is read as
 * merged here and followed, never linked as it was.
 */
async function lockedSurvivingTerms(tx: Tx, found: { id: string; mergedIntoId: string | null }[]): Promise<{ id: string }[]> {
  let terms = await survivingTerms(tx, found);
  for (let step = 0; step < 10; step += 1) {
    const ids = terms.map((term) => term.id).sort();
    const locked = await tx.$queryRaw<{ id: string; mergedIntoId: string | null }[]>`
      SELECT id, merged_into_id AS "mergedIntoId" FROM vocabulary_terms WHERE id = ANY(${ids}) ORDER BY id FOR SHARE`;
    if (locked.every((term) => !term.mergedIntoId)) return terms;
    terms = await survivingTerms(tx, locked);
  }
  return terms;
}

/** What the terms of each list are called in its field's message. */
const TERMS_CALLED = { formSlugs: 'forms', issueSlugs: 'issues', tagSlugs: 'tags', employmentTypeSlugs: 'employment types' } as const;
/** An action's fields that name vocabulary terms, each with its vocabulary and the message for a term not in it. */
const TERM_CHECKS = (Object.entries(ACTION_TERM_FIELDS) as [keyof typeof ACTION_TERM_FIELDS, VocabularyKind][]).map(
  ([field, kind]) => [field, kind, `Choose ${TERMS_CALLED[field]} from the list.`] as const,
);

export async function applyEmployeeAction(tx: Tx, recordId: string | null, input: EmployeeActionInput, actor: Actor): Promise<Applied> {
  const sourceIds = await sourceIdsFor(tx, input.sources, actor);
  const companyIds = [...new Set(await Promise.all(input.companies.map((party) => companyIdFor(tx, party, sourceIds, actor))))];
  // One after another: two new names that are one organisation make it once.
  const organizationIds: string[] = [];
  for (const party of input.organizations) {
    const id = await organizationIdFor(tx, party, sourceIds, actor);
    if (id && !organizationIds.includes(id)) organizationIds.push(id);
  }
  // The vocabularies the change names: a change sent before the form offered tags and employment
  // types leaves the record's as they are.
  const named = TERM_CHECKS.filter(([field]) => input[field] !== undefined);
  const terms = await lockedSurvivingTerms(
    tx,
    await tx.vocabularyTerm.findMany({
      where: { OR: named.map(([field, kind]) => ({ kind, slug: { in: input[field] ?? [] } })) },
      select: { id: true, mergedIntoId: true },
    }),
  );
  const data = {
    title: input.title,
    description: input.description,
    startDate: day(input.date.date),
    datePrecision: input.date.precision,
    participantsMin: input.participantsMin,
    participantsMax: input.participantsMax ?? input.participantsMin,
    participantsText: input.participantsText,
    demands: input.demands,
    outcome: input.outcome,
    outcomeNote: input.outcomeNote,
    status: 'PUBLISHED' as const,
  };
  const before = recordId
    ? await tx.employeeAction.findUnique({
        where: { id: recordId },
        select: {
          companies: { select: { company: { select: { slug: true } } } },
          contracts: { select: { contractId: true } },
          outcome: true,
        },
      })
    : null;
  // The day an outcome was known as of (the seed report's "as of 19 July 2018", which no form sets)
  // is that outcome's: another outcome is not known as of it.
  const outcomeDate = before && before.outcome !== input.outcome ? { outcomeDate: null } : {};
  const record = recordId
    ? await tx.employeeAction.update({ where: { id: recordId }, data: { ...data, ...outcomeDate, version: { increment: 1 } } })
    : await tx.employeeAction.create({ data });
  await tx.employeeActionCompany.deleteMany({ where: { actionId: record.id } });
  await tx.employeeActionCompany.createMany({ data: companyIds.map((companyId) => ({ actionId: record.id, companyId })) });
  await tx.employeeActionTerm.deleteMany({ where: { actionId: record.id, term: { kind: { in: named.map(([, kind]) => kind) } } } });
  await tx.employeeActionTerm.createMany({ data: terms.map((term) => ({ actionId: record.id, termId: term.id })) });
  await tx.employeeActionOrganization.deleteMany({ where: { actionId: record.id } });
  await tx.employeeActionOrganization.createMany({ data: organizationIds.map((organizationId) => ({ actionId: record.id, organizationId })) });
  await tx.employeeActionContract.deleteMany({ where: { actionId: record.id } });
  // Each once, as in the diff the reviewer read (see applyDonationResponse).
  await tx.employeeActionContract.createMany({ data: [...new Set(input.contractIds)].map((contractId) => ({ actionId: record.id, contractId })) });
  await tx.employeeActionSource.deleteMany({ where: { actionId: record.id } });
  await tx.employeeActionSource.createMany({ data: sourceIds.map((sourceId) => ({ actionId: record.id, sourceId })) });
  if (input.places !== undefined) await placeAction(tx, record.id, input.places);
  const slugs = await slugsOf(tx, companyIds);
  const contractors = await contractorSlugsOf(tx, [...input.contractIds, ...(before?.contracts.map((link) => link.contractId) ?? [])]);
  return { recordId: record.id, companySlugs: [...slugs, ...contractors, ...(before?.companies.map((link) => link.company.slug) ?? [])] };
}

/**
 * An action's places as its form lists them, in order. A place it had already keeps its city,
 * region and country as they were read (the data set's, by its importer), as does one another
 * action has by the same words ("Washington, D.C., USA", "Worldwide"); a new one is read from its
 * words (lib/import/places.ts `typedPlace`). Unchanged, they are left as they are.
 */
async function placeAction(tx: Tx, actionId: string, labels: string[]): Promise<void> {
  const current = await tx.actionLocation.findMany({ where: { actionId }, orderBy: { position: 'asc' } });
  if (sameJson(current.map((place) => place.label), labels)) return;
  const elsewhere = await tx.actionLocation.findMany({
    where: { label: { in: labels.filter((label) => !current.some((place) => place.label === label)) } },
    distinct: ['label'],
    orderBy: [{ label: 'asc' }, { id: 'asc' }],
  });
  const had = new Map([...elsewhere, ...current].map((place) => [place.label, place]));
  await tx.actionLocation.deleteMany({ where: { actionId } });
  await tx.actionLocation.createMany({
    data: labels.map((label, position) => {
      const { city, region, country } = had.get(label) ?? typedPlace(label);
      return { actionId, position, label, city, region, country };
    }),
  });
}

/**
 * A company's parent as its form names it: a company on record (a new name is refused, with the
 * names it is like, as a statement's company is), not the company itself nor one of its own
 * subsidiaries (a loop of parents would roll each up into the other); nor, for a parent changed or
 * taken away, one that would part a record from a contract it cites (records cite their own
 * group's contracts). `parent` null: none. Publishing a change of parent holds a lock on parents
 * until it commits, so that two publishes (A under B, B under A) cannot each miss the other's loop.
 */
async function parentProblems(
  client: Tx | typeof db,
  parent: CompanyInput['parent'],
  self: string | null,
  choices: Record<string, NameChoices[]>,
): Promise<Record<string, string[]>> {
  if (parent === undefined) return {};
  if (parent && 'newName' in parent) {
    const similar = await findCompaniesByName(parent.newName, 3);
    if (similar.length) {
      choices.parent = [{ typed: parent.newName, kind: 'companies', names: similar.map(({ slug, name }) => ({ slug, name })), fill: true }];
    }
    return {
      parent: [
        `No company on record is called “${parent.newName}”${similar.length ? `; did you mean ${similar.map((company) => company.name).join(' or ')}?` : '.'} The company it is part of must be on record: add that one first.`,
      ],
    };
  }
  const found = parent
    ? await client.company.findFirst({ where: { id: parent.id, status: 'PUBLISHED', mergedIntoId: null }, select: { id: true, name: true } })
    : null;
  if (parent && !found) return { parent: ['Choose the company it is part of from the suggestions.'] };
  if (found && found.id === self) return { parent: ['A company cannot be part of itself.'] };
  // A new company has no subsidiaries and no records yet: any company on record may be its parent.
  if (!self) return {};
  const stored = await client.company.findUnique({ where: { id: self }, select: { parentId: true } });
  if ((stored?.parentId ?? null) === (found?.id ?? null)) return {};
  // Within a transaction (a publish, a restore), held until it commits; otherwise released at once.
  await client.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('counterweight:company-parents'))`;
  if (found && (await parentWouldLoop(client, self, found.id))) {
    return { parent: [`${found.name} is part of this company: a company cannot be part of one of its own subsidiaries.`] };
  }
  const parted = await citationParted(client, self, found?.id ?? null);
  if (parted) {
    const article = /^[aeiou]/.test(parted.kind) ? 'An' : 'A';
    return {
      parent: [
        `${article} ${parted.kind} on record (“${summarize(parted.label, 80)}”) cites ${parted.holder}’s contract “${summarize(parted.contract, 80)}”, which ${found ? 'this parent' : 'taking the parent away'} would put in another group than its companies: take the contract off it first, or ${found ? 'choose another parent' : 'keep the parent'}.`,
      ],
    };
  }
  return {};
}

export async function applyCompany(tx: Tx, recordId: string | null, input: CompanyInput, actor: Actor): Promise<Applied> {
  const sourceIds = await sourceIdsFor(tx, input.sources, actor);
  const data = {
    // Left out (a version restored from before forms gave it): the parent stays.
    ...(input.parent !== undefined && { parentId: input.parent && 'id' in input.parent ? input.parent.id : null }),
    name: input.name,
    sector: input.sector,
    hqCountry: input.hqCountry,
    website: input.website,
    ticker: input.ticker,
    description: input.description,
    status: 'PUBLISHED' as const,
  };
  let record;
  if (recordId) {
    const was = await tx.company.findUnique({ where: { id: recordId }, select: { name: true } });
    record = await tx.company.update({ where: { id: recordId }, data: { ...data, version: { increment: 1 } } });
    if (was && was.name !== record.name) await touchNamers(tx, 'company', record.id);
    // A new name is recognised from now on too (forms name companies; the old name stays an alias).
    // checkReferences refused a name that is another company's.
    await tx.companyAlias.createMany({ data: [{ companyId: record.id, name: input.name, key: nameKey(input.name) }], skipDuplicates: true });
    // The form lists every source the company keeps (addresses, and citations without one carried along).
    await tx.companySource.deleteMany({ where: { companyId: record.id, sourceId: { notIn: sourceIds } } });
  } else {
    // Its first step is the PUBLISH revision the publishing writes, with every field.
    const { idByKey } = await ensureCompanies(tx, [{ name: input.name }], {
      actor: actorName(actor),
      sourceIds,
      status: 'PUBLISHED',
      revisions: false,
    });
    record = await tx.company.update({ where: { id: [...idByKey.values()][0] as string }, data });
  }
  await tx.companySource.createMany({ data: sourceIds.map((sourceId) => ({ companyId: record.id, sourceId })), skipDuplicates: true });
  // checkReferences refused a name that is another company's; one already this company's is kept as it is.
  const aliases = (input.aliases ?? []).map((name) => ({ companyId: record.id, name, key: nameKey(name) }));
  await tx.companyAlias.createMany({ data: aliases, skipDuplicates: true });
  // Its parent's, its subsidiaries' and co-named companies' pages name it too.
  return { recordId: record.id, companySlugs: [record.slug], everyCompany: true };
}

/**
 * The records whose open data names this company, organisation or agency (its name, or acronym, in
 * their titles and links) read differently once it is renamed: they count as updated, for whoever
 * keeps a copy up to date by `updatedAt` (a feed's date_modified), as a term's renaming makes its
 * actions. Their versions stay: nothing written in them changed.
 */
async function touchNamers(tx: Tx, kind: 'company' | 'organization' | 'agency', id: string): Promise<void> {
  // The app's clock, as Prisma's @updatedAt uses for every other change.
  const now = new Date();
  if (kind === 'company') {
    await tx.$executeRaw`UPDATE government_contracts SET updated_at = ${now} WHERE company_id = ${id}`;
    await tx.$executeRaw`UPDATE donation_responses SET updated_at = ${now} WHERE company_id = ${id}`;
    await tx.$executeRaw`UPDATE company_statements SET updated_at = ${now} WHERE company_id = ${id}`;
    await tx.$executeRaw`UPDATE employee_actions SET updated_at = ${now}
      WHERE id IN (SELECT action_id FROM employee_action_companies WHERE company_id = ${id})`;
    // Its subsidiaries name it as their parent; those merged into it, as where they went.
    await tx.$executeRaw`UPDATE companies SET updated_at = ${now} WHERE parent_id = ${id} OR merged_into_id = ${id}`;
  } else if (kind === 'organization') {
    await tx.$executeRaw`UPDATE donation_responses SET updated_at = ${now} WHERE organization_id = ${id}`;
    await tx.$executeRaw`UPDATE employee_actions SET updated_at = ${now}
      WHERE id IN (SELECT action_id FROM employee_action_organizations WHERE organization_id = ${id})`;
    await tx.$executeRaw`UPDATE organizations SET updated_at = ${now} WHERE merged_into_id = ${id}`;
  } else {
    await tx.$executeRaw`UPDATE government_contracts SET updated_at = ${now} WHERE agency_id = ${id} OR sub_agency_id = ${id}`;
    await tx.$executeRaw`UPDATE agencies SET updated_at = ${now} WHERE parent_id = ${id}`;
  }
}

export async function applyContract(tx: Tx, recordId: string | null, input: ContractInput, actor: Actor): Promise<Applied> {
  const sourceIds = await sourceIdsFor(tx, input.sources, actor);
  const companyId = await companyIdFor(tx, input.company, sourceIds, actor);
  const before = recordId
    ? await tx.governmentContract.findUnique({
        where: { id: recordId },
        select: { company: { select: { slug: true } }, contractStatus: true, statusRecordedAt: true },
      })
    : null;
  // When the status took effect, as the editor gives it. Without it, a status changed by this edit
  // is known as of today: the newest source may be older than the change, and say otherwise.
  const since = input.statusSince;
  const changedStatus = before !== null && before.contractStatus !== input.contractStatus;
  const data = {
    companyId,
    agencyId: input.agencyId,
    subAgencyId: input.subAgencyId,
    title: input.title,
    purpose: input.purpose,
    piid: input.piid,
    obligatedAmount: input.obligatedAmount,
    potentialAmount: input.potentialAmount,
    currency: input.currency,
    awardDate: input.awardDate ? day(input.awardDate.date) : null,
    awardDatePrecision: input.awardDate?.precision ?? 'DAY',
    contractStatus: input.contractStatus,
    statusChangedAt: since ? day(since.date) : null,
    statusChangedPrecision: since?.precision ?? 'DAY',
    // A change sent before its form offered the period leaves the record's as it is.
    ...(input.periodStart !== undefined && { periodStart: input.periodStart ? day(input.periodStart) : null }),
    ...(input.periodEnd !== undefined && { periodEnd: input.periodEnd ? day(input.periodEnd) : null }),
    // A status not known is known as of no day.
    statusRecordedAt:
      since || input.contractStatus === 'UNKNOWN'
        ? null
        : changedStatus
          ? day(new Date().toISOString().slice(0, 10))
          : (before?.statusRecordedAt ?? null),
    status: 'PUBLISHED' as const,
  };
  const record = recordId
    ? await tx.governmentContract.update({ where: { id: recordId }, data: { ...data, version: { increment: 1 } } })
    : await tx.governmentContract.create({ data });
  await tx.contractSource.deleteMany({ where: { contractId: record.id } });
  await tx.contractSource.createMany({ data: sourceIds.map((sourceId) => ({ contractId: record.id, sourceId })) });
  const slugs = await slugsOf(tx, [companyId]);
  return { recordId: record.id, companySlugs: [...slugs, ...(before ? [before.company.slug] : [])] };
}

export async function applyStatement(tx: Tx, recordId: string | null, input: StatementInput, actor: Actor): Promise<Applied> {
  const sourceIds = await sourceIdsFor(tx, input.sources, actor);
  const companyId = await companyIdFor(tx, input.company, sourceIds, actor);
  const data = {
    companyId,
    date: day(input.date.date),
    datePrecision: input.date.precision,
    kind: input.kind,
    summary: input.summary,
    quote: input.quote,
    speaker: input.speaker,
    contractId: input.contractId,
    status: 'PUBLISHED' as const,
  };
  const before = recordId ? await tx.companyStatement.findUnique({ where: { id: recordId }, select: { company: { select: { slug: true } } } }) : null;
  const record = recordId
    ? await tx.companyStatement.update({ where: { id: recordId }, data: { ...data, version: { increment: 1 } } })
    : await tx.companyStatement.create({ data });
  await tx.companyStatementSource.deleteMany({ where: { statementId: record.id } });
  await tx.companyStatementSource.createMany({ data: sourceIds.map((sourceId) => ({ statementId: record.id, sourceId })) });
  const slugs = await slugsOf(tx, [companyId]);
  return { recordId: record.id, companySlugs: [...slugs, ...(before ? [before.company.slug] : [])] };
}

/** A unique slug for a new agency or organisation: its name's, numbered when taken. */
async function freeSlug(name: string, taken: (slug: string) => Promise<boolean>): Promise<string> {
  const base = slugify(name);
  let slug = base;
  for (let n = 2; await taken(slug); n += 1) slug = `${base}-${n}`;
  return slug;
}

export async function applyAgency(tx: Tx, recordId: string | null, input: AgencyInput, actor: Actor): Promise<Applied> {
  const sourceIds = await sourceIdsFor(tx, input.sources, actor);
  const data = {
    name: input.name,
    acronym: input.acronym,
    // Its own name and acronym are not other names.
    aliases: input.aliases.filter((alias) => ![input.name, input.acronym].some((name) => name && nameKey(name) === nameKey(alias))),
    parentId: input.parentId,
    country: input.country as string,
    level: input.level,
    website: input.website,
    status: 'PUBLISHED' as const,
  };
  const was = recordId ? await tx.agency.findUnique({ where: { id: recordId }, select: { name: true, acronym: true } }) : null;
  const record = recordId
    ? await tx.agency.update({ where: { id: recordId }, data: { ...data, version: { increment: 1 } } })
    : await tx.agency.create({
        data: { ...data, slug: await freeSlug(input.name, async (slug) => Boolean(await tx.agency.findUnique({ where: { slug }, select: { id: true } }))) },
      });
  if (was && (was.name !== record.name || was.acronym !== record.acronym)) await touchNamers(tx, 'agency', record.id);
  await tx.agencySource.deleteMany({ where: { agencyId: record.id } });
  await tx.agencySource.createMany({ data: sourceIds.map((sourceId) => ({ agencyId: record.id, sourceId })) });
  // Company profiles name the agencies of their contracts.
  const contractors = await tx.company.findMany({
    where: { contracts: { some: { OR: [{ agencyId: record.id }, { subAgencyId: record.id }] } } },
    select: { slug: true },
  });
  return { recordId: record.id, companySlugs: contractors.map((company) => company.slug), vocabulary: true };
}

export async function applyOrganization(tx: Tx, recordId: string | null, input: OrganizationInput, actor: Actor): Promise<Applied> {
  const sourceIds = await sourceIdsFor(tx, input.sources, actor);
  const data = {
    name: input.name,
    acronym: input.acronym,
    kind: input.kind,
    country: input.country,
    website: input.website,
    description: input.description,
    status: 'PUBLISHED' as const,
  };
  const was = recordId ? await tx.organization.findUnique({ where: { id: recordId }, select: { name: true, acronym: true } }) : null;
  const record = recordId
    ? await tx.organization.update({ where: { id: recordId }, data: { ...data, version: { increment: 1 } } })
    : await tx.organization.create({
        data: {
          ...data,
          slug: await freeSlug(input.name, async (slug) => Boolean(await tx.organization.findUnique({ where: { slug }, select: { id: true } }))),
        },
      });
  if (was && (was.name !== record.name || was.acronym !== record.acronym)) await touchNamers(tx, 'organization', record.id);
  await tx.organizationSource.deleteMany({ where: { organizationId: record.id } });
  await tx.organizationSource.createMany({ data: sourceIds.map((sourceId) => ({ organizationId: record.id, sourceId })) });
  // Company profiles name the organisations that answered their donations.
  const donors = await tx.company.findMany({ where: { donationResponses: { some: { organizationId: record.id } } }, select: { slug: true } });
  return { recordId: record.id, companySlugs: donors.map((company) => company.slug) };
}
