import type { IncidentKind } from './incident-kinds';
import { capitalize } from './text';

/** How the record's enum values read on a page. One place, so every page says the same thing. */

export const CONTRACT_STATUS_LABEL: Record<string, string> = {
  ACTIVE: 'Active',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
  NOT_RENEWED: 'Not renewed',
  UNKNOWN: 'Unknown',
};

/** Each kind of incident (?kind=action) as the incidents list's filter names it. */
export const INCIDENT_KIND_LABEL: Record<IncidentKind, string> = {
  action: 'Employee actions',
  contract: 'Contracts',
  donation: 'Donation responses',
  statement: 'Company statements',
};

export const OUTCOME_LABEL: Record<string, string> = {
  PENDING: 'Pending',
  MET: 'Demands met',
  PARTLY_MET: 'Demands partly met',
  NOT_MET: 'Demands not met',
  UNKNOWN: 'Outcome unknown',
};

export const DONATION_RESPONSE_LABEL: Record<string, string> = {
  REJECTED: 'Rejected',
  RETURNED: 'Returned',
  ACCEPTED: 'Accepted',
  REDIRECTED: 'Redirected',
  // A company's donation is known from the company's own word (it says it gave, often without
  // naming to whom): the label keeps that, rather than stating the donation as a fact.
  DONATED: 'Donation the company announced',
};

/** The same, heading a count of such responses (figures, the comparison and its CSV). */
export const DONATION_RESPONSE_GROUP_LABEL: Record<string, string> = {
  ...DONATION_RESPONSE_LABEL,
  DONATED: 'Donations the company announced',
};

export const STATEMENT_KIND_LABEL: Record<string, string> = {
  STATEMENT: 'Statement',
  DECLINED_TO_COMMENT: 'Declined to comment',
  CANCELLED_OR_NOT_RENEWED: 'Cancelled or did not renew a contract',
  RETALIATION: 'Retaliation',
};

/** An organisation's kind, as its form offers it and every page and history names it. */
export const ORGANIZATION_KIND_LABEL: Record<string, string> = {
  NGO: 'Non-profit or NGO',
  LEGAL_AID: 'Legal aid',
  WORKER_GROUP: 'Worker group or union',
  CAMPAIGN: 'Campaign',
  UNIVERSITY: 'University',
  CONFERENCE: 'Conference or event',
  MEDIA: 'Media',
  OTHER: 'Other',
};

export const PUBLICATION_STATUS_LABEL: Record<string, string> = {
  DRAFT: 'Draft',
  IN_REVIEW: 'In review',
  PUBLISHED: 'Published',
  REJECTED: 'Rejected',
  ARCHIVED: 'Archived',
};

export const AGENCY_LEVEL_LABEL: Record<string, string> = {
  FEDERAL: 'Federal',
  STATE: 'State',
  LOCAL: 'Local',
  FOREIGN: 'Foreign government',
  INTERNATIONAL: 'International',
};

/** "650", "100–200", "at least 100", "at most 500", "“hundreds”", "650 (“hundreds”)", or null when unknown. */
export function participantsLabel(min: number | null, max: number | null, text: string | null): string | null {
  const number =
    min === null && max === null
      ? null
      : min === max
        ? (min ?? 0).toLocaleString('en-US')
        : max === null
          ? `at least ${(min ?? 0).toLocaleString('en-US')}`
          : min === null
            ? `at most ${max.toLocaleString('en-US')}`
            : `${min.toLocaleString('en-US')}–${max.toLocaleString('en-US')}`;
  if (number && text) return `${number} (“${text}”)`;
  return number ?? (text ? `“${text}”` : null);
}

/**
 * How an action's page introduces its companies. An editor names the companies an action targeted
 * (the form's "Companies targeted"). The Collective Action in Tech data set names the companies an
 * action involved, not always its target (the nonprofit Coworker's fund for organisers, id 479;
 * Daemo, the platform Mechanical Turk workers built, id 71; AT&T engineers warning the military,
 * id 2): its actions say "involving", as their titles do.
 */
export function actionCompaniesWording(action: { datasetRecordId: string | null }): { lead: string; section: string } {
  return action.datasetRecordId === null
    ? { lead: 'Against', section: 'What it targeted' }
    : { lead: 'Involving', section: 'Who and what it involved' };
}

/**
 * An action's places, one after another: "Levent, Turkey; Izmir, Turkey". Each place is written
 * with commas ("Seattle, Washington, USA"), so commas between them would run the places together.
 */
export function placesLabel(labels: string[]): string | null {
  return labels.length ? labels.join('; ') : null;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * Codes the runtime names that are no country's in ISO 3166-1: unions and groups (EU, Eurozone,
 * UN, Outlying Oceania), codes reserved for territories inside countries (Ascension, the Canary
 * Islands…), test codes, and codes withdrawn (Burma, the Soviet Union, Yugoslavia…) or never a
 * country's (UK: the United Kingdom is GB; `countryInput` reads UK as GB). Kosovo's XK, not yet
 * assigned but used by the EU and others, is kept.
 */
const NOT_A_COUNTRY = new Set('AC CP CQ DG EA IC TA EU EZ UN QO XA XB AN BU CS DD FX NT SU TP YU ZR UK ZZ'.split(' '));

/** A country's English name from its two-letter code ("US" -> "United States"); undefined for a code no country has. */
export function knownCountry(code: string): string | undefined {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper) || NOT_A_COUNTRY.has(upper)) return undefined;
  try {
    return regionNames.of(upper);
  } catch {
    return undefined;
  }
}

/** A country's English name, or the code as stored when no country has it. */
export const countryName = (code: string) => knownCountry(code) ?? (code === 'UK' ? 'United Kingdom' : code);

const FIELD_LABEL: Record<string, string> = {
  hqCountry: 'Headquarters country',
  // A new citation without a web address, as its form names its parts.
  citationPublisher: 'Citation’s publisher',
  citationTitle: 'Citation’s heading',
  citationDate: 'Citation’s publication date',
  aliases: 'Other names',
  parentId: 'Part of',
  // A company's, as its form names it.
  parent: 'Part of',
  agencyId: 'Agency',
  subAgencyId: 'Sub-agency',
  contractId: 'Contract',
  contractIds: 'Contracts',
  donationResponseId: 'Donation response',
  amountUndisclosed: 'Amount not disclosed',
  // As the forms ask for them.
  quoteAttribution: 'Who said it',
  speaker: 'Who said it',
  // The fields of rows kept whole (the demo data's and imports' first steps), as a person reads them.
  companyId: 'Company',
  organizationId: 'Organization',
  status: 'Publication status',
  slug: 'Address name',
  externalId: 'Id in the imported data set',
  participantsMin: 'Participants (at least)',
  participantsMax: 'Participants (at most)',
  participantsText: 'Participants, in the source’s words',
  piid: 'PIID',
  // As the form and the contract's page name it.
  potentialAmount: 'Potential value',
  formSlugs: 'Forms of action',
  mergedIntoId: 'Merged into',
  mergedFrom: 'Merged from',
  issueSlugs: 'Issues',
  tagSlugs: 'Tags',
  employmentTypeSlugs: 'Employment types',
  contractStatus: 'Contract status',
  statusSince: 'Status since',
  statusChangedAt: 'Status since',
  statusRecordedAt: 'Status recorded on',
  awardKey: 'Award key',
};

/** A record's field as a person reads it: "hqCountry" -> "Headquarters country", "startDate" -> "Start date". */
export function fieldLabel(field: string): string {
  const known = FIELD_LABEL[field];
  if (known) return known;
  return capitalize(field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase());
}

const ROLE_WORD: Record<string, string> = { EDITOR: 'editor', REVIEWER: 'reviewer', ADMIN: 'admin' };
const SIGN_IN_WAY: Record<string, string> = { github: 'GitHub', credentials: 'email and password' };

/** Refusals from one address folded onto the first one's line (lib/auth/credentials.ts). */
function moreRefusals(repeated: number, last: unknown): string {
  const at = typeof last === 'string' ? new Date(last) : null;
  const when = at && !Number.isNaN(at.getTime()) ? `, the last at ${at.toISOString().slice(11, 19)} UTC` : '';
  return `and ${repeated} more from this address${when}`;
}

/**
 * An audit event's details as the admin reads them: "from editor to reviewer", "as admin", "with
 * GitHub: email not verified"; details of another shape as their keys and values.
 */
export function auditDetailsLabel(details: unknown): string {
  if (!details || typeof details !== 'object') return String(details);
  const {
    from,
    to,
    role,
    provider,
    reason,
    block: _block,
    repeated,
    last,
    failedSignInsCleared,
    ...rest
  } = details as Record<string, unknown>;
  const word = (value: unknown, words: Record<string, string>) =>
    typeof value === 'string' ? (words[value] ?? value) : JSON.stringify(value);
  const said = [
    from !== undefined || to !== undefined ? `from ${word(from, ROLE_WORD)} to ${word(to, ROLE_WORD)}` : null,
    role !== undefined ? `as ${word(role, ROLE_WORD)}` : null,
    provider !== undefined ? `with ${word(provider, SIGN_IN_WAY)}` : null,
    typeof repeated === 'number' ? moreRefusals(repeated, last) : null,
    typeof failedSignInsCleared === 'number'
      ? `its ${failedSignInsCleared === 1 ? 'failed sign-in' : `${failedSignInsCleared} failed sign-ins`} cleared, so the new password works at once`
      : null,
  ].filter(Boolean);
  const others = Object.entries(rest).map(
    ([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
  );
  return [[said.join(', '), reason === undefined ? '' : String(reason)].filter(Boolean).join(': '), ...others]
    .filter(Boolean)
    .join(', ');
}

/** The kinds of record a change proposes, as the review queue and its pages name them. */
export const CHANGE_TYPE_LABEL: Record<string, string> = {
  DONATION_RESPONSE: 'Donation response',
  EMPLOYEE_ACTION: 'Employee action',
  COMPANY: 'Company',
  CONTRACT: 'Government contract',
  COMPANY_STATEMENT: 'Company statement',
  AGENCY: 'Government agency',
  ORGANIZATION: 'Organization',
};
