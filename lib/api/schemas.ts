import { z } from 'zod';
import {
  ActionOutcome,
  AgencyLevel,
  ContractStatus,
  DatePrecision,
  DonationResponseKind,
  OrganizationKind,
  StatementKind,
} from '../generated/prisma/enums';

/*
 * The shape of every record the open-data interface returns. The serializers are typed by these
 * schemas (lib/api/serializers.ts), the OpenAPI document is generated from them
 * (lib/api/openapi.ts), and the CSV columns are derived from them (lib/api/csv.ts).
 */

const text = z.string();
const optionalText = z.string().nullable();
const day = z.iso.date().describe('The first day of the period the date names (see its precision).');
/** A calendar day, without a precision of its own (a contract's period of performance). */
const calendarDay = z.iso.date().describe('The day itself.');
const precision = z.enum(DatePrecision).describe('How much of the date the sources give: DAY, MONTH or YEAR.');
const precisionOfOptional = precision
  .nullable()
  .describe('How much of the date the sources give: DAY, MONTH or YEAR; null when the date is not on record.');
const timestamp = z.iso.datetime().describe('A time in UTC.');
const money = z
  .string()
  .regex(/^\d+\.\d{2}$/)
  .describe('An exact decimal amount, as a string ("250000.00"), in the record\u2019s currency.');
const id = z.string().describe('A stable identifier.');

export const citationSchema = z.strictObject({
  id,
  url: optionalText.describe('The cited page; null for a printed or offline source.'),
  publisher: optionalText,
  title: optionalText,
  publishedAt: day.nullable(),
  publishedPrecision: precisionOfOptional,
  archiveUrl: optionalText.describe('A copy in a web archive, when one is known.'),
});

const sources = z.array(citationSchema).describe('The sources the record cites.');
const stamps = { createdAt: timestamp, updatedAt: timestamp } as const;
/** A record's stamps with the version its history numbers, as its page cites it ("Version 3"). */
const versioned = {
  version: z
    .number()
    .int()
    .min(1)
    .describe(
      'The version its history numbers (/history/<kind>/<id>): each step its history keeps (a published change, a restore, a merge, an archiving, an import) makes the next. An incident’s page cites it.',
    ),
  ...stamps,
} as const;
const companyLink = z.strictObject({ slug: text, name: text });
const agencyLink = z.strictObject({ slug: text, name: text, acronym: optionalText });
const organizationLink = z.strictObject({ slug: text, name: text, acronym: optionalText });
const termLink = z.strictObject({ slug: text, label: text });
const country = optionalText.describe('ISO 3166-1 alpha-2 code.');

export const companySchema = z.strictObject({
  id,
  slug: text,
  name: text,
  aliases: z.array(text).describe('Other names the company is known by.'),
  sector: optionalText,
  hqCountry: country,
  website: optionalText,
  ticker: optionalText,
  description: optionalText,
  parent: companyLink.nullable(),
  mergedInto: companyLink.nullable().describe('Set when this company was merged into another.'),
  counts: z
    .strictObject({
      employeeActions: z.number().int().min(0),
      contracts: z.number().int().min(0),
      donationResponses: z.number().int().min(0),
      statements: z.number().int().min(0),
    })
    .describe(
      'How many published records of each kind name the company itself (not its subsidiaries), as the list of companies counts them. Drawn from the other lists as they are now, they do not move the company’s updatedAt: count them from those lists in a copy kept by updatedSince.',
    ),
  ...versioned,
  sources,
});

export const agencySchema = z.strictObject({
  id,
  slug: text,
  name: text,
  acronym: optionalText,
  aliases: z.array(text).describe('Other names the agency goes by, such as Pentagon.'),
  level: z.enum(AgencyLevel),
  country: text,
  website: optionalText,
  parent: agencyLink.nullable(),
  ...versioned,
  sources,
});

export const organizationSchema = z.strictObject({
  id,
  slug: text,
  name: text,
  acronym: optionalText,
  kind: z.enum(OrganizationKind),
  country,
  website: optionalText,
  description: optionalText,
  mergedInto: organizationLink.nullable(),
  ...versioned,
  sources,
});

export const actionSchema = z.strictObject({
  id,
  title: text,
  description: text,
  startDate: day,
  datePrecision: precision,
  participantsMin: z
    .number()
    .int()
    .nullable()
    .describe(
      'The fewest participants on record; equal to participantsMax when the record gives one number, null when it gives none. ' +
        'One number is not always an exact count: the Collective Action in Tech data set writes a vague count as a round ' +
        'figure ("thousands" as 1000, "more than 2,000" as 2001), and participantsText then keeps the words it stands for.',
    ),
  participantsMax: z
    .number()
    .int()
    .nullable()
    .describe('The most participants on record; null when the record gives no number.'),
  participantsText: optionalText.describe(
    'The words the source used for the count ("hundreds", "more than 2,000 Amazon workers"): read the numbers with them.',
  ),
  demands: optionalText,
  outcome: z.enum(ActionOutcome),
  outcomeDate: day.nullable(),
  outcomePrecision: precisionOfOptional,
  outcomeNote: optionalText,
  online: z.boolean().nullable(),
  forms: z.array(termLink),
  issues: z.array(termLink),
  tags: z.array(termLink),
  employmentTypes: z.array(termLink),
  locations: z.array(z.strictObject({ label: text, city: optionalText, region: optionalText, country })),
  companies: z.array(companyLink),
  organizations: z.array(organizationLink),
  contractIds: z.array(id).describe('The contracts the action was aimed at.'),
  externalSource: optionalText.describe('The data set an imported record came from ("collective-action-tech").'),
  externalId: optionalText.describe('The record\u2019s id in that data set.'),
  ...versioned,
  sources,
});

export const contractSchema = z.strictObject({
  id,
  title: text,
  purpose: optionalText,
  piid: optionalText.describe('USAspending\u2019s award_id_piid.'),
  awardKey: optionalText.describe('USAspending\u2019s contract_award_unique_key.'),
  company: companyLink,
  agency: agencyLink,
  subAgency: agencyLink.nullable(),
  obligatedAmount: money.nullable(),
  potentialAmount: money.nullable(),
  currency: text.describe(
    'ISO 4217 code of both amounts. With neither amount known it says nothing (it is then usually the forms\u2019 ' +
      'default, USD).',
  ),
  awardDate: day.nullable(),
  awardDatePrecision: precisionOfOptional,
  periodStart: calendarDay.nullable(),
  periodEnd: calendarDay.nullable(),
  contractStatus: z
    .enum(ContractStatus)
    .describe(
      'The status as the record knows it, as of a day: statusChangedAt when the sources say when it took effect, ' +
        'else statusRecordedAt, else the newest publishedAt of its sources, else (an imported contract) the end of ' +
        'its period; ACTIVE with a periodEnd in the past is a status no longer known to hold (the contract\u2019s page ' +
        'says "Period ended … (recorded as active)").',
    ),
  statusChangedAt: day.nullable().describe('When the status took effect, when the sources say.'),
  statusChangedPrecision: precisionOfOptional,
  statusRecordedAt: day
    .nullable()
    .describe(
      'The day the record set the status without a date it took effect (an editor\u2019s change, or an import that ' +
        'found the contract running): the status is known as of that day. Null for a status not known.',
    ),
  ...versioned,
  sources,
});

export const donationSchema = z.strictObject({
  id,
  title: text.describe('"RAICES rejected $250,000 from Salesforce".'),
  company: companyLink,
  organization: organizationLink.nullable().describe('The recipient; null when it was not named.'),
  date: day.nullable(),
  datePrecision: precisionOfOptional,
  amount: money.nullable(),
  currency: text.describe(
    'ISO 4217 code of the amount. With no amount (undisclosed, or not known) it says nothing (it is then usually ' +
      'the forms\u2019 default, USD).',
  ),
  amountUndisclosed: z.boolean().describe('The sources say the amount was not disclosed.'),
  response: z.enum(DonationResponseKind),
  reason: optionalText,
  quote: optionalText,
  quoteAttribution: optionalText,
  contractIds: z.array(id),
  ...versioned,
  sources,
});

export const statementSchema = z.strictObject({
  id,
  company: companyLink,
  date: day,
  datePrecision: precision,
  kind: z.enum(StatementKind),
  summary: text,
  quote: optionalText,
  speaker: optionalText,
  actionId: id.nullable().describe('The employee action the statement answers.'),
  contractId: id.nullable(),
  donationId: id.nullable(),
  ...versioned,
  sources,
});

export const sourceSchema = citationSchema.extend(stamps);

export const errorSchema = z.strictObject({
  error: z.strictObject({
    message: text,
    issues: z.array(z.strictObject({ path: z.array(z.union([z.string(), z.number()])), message: text })),
    archived: z
      .strictObject({
        at: text.describe('When a reviewer took the record off the public record (ISO 8601).'),
        reason: text.nullable().describe('Why, in the reviewer\u2019s words.'),
        history: text.describe('The address of its public history, which keeps every version of it.'),
      })
      .optional()
      .describe('With a 410: the record was public and a reviewer archived it. Nothing was deleted.'),
  }),
});

/**
 * An incident a reviewer took off the public record: what a mirror needs to drop its copy, and
 * where to read why. Its address answers 410 Gone with the same time, reason and history.
 */
export const archivedSchema = z.strictObject({
  kind: z.enum(['actions', 'contracts', 'donations', 'statements']).describe('The list the record was in.'),
  id,
  archivedAt: timestamp.describe('When a reviewer archived it (the latest time, if it was archived more than once).'),
  reason: text.nullable().describe('Why, in the reviewer\u2019s words.'),
  url: text.describe('The record\u2019s API address, which answers 410 Gone.'),
  history: text.describe('The address of its public history, which keeps every version of it.'),
});

/** A page of the list of archived records, most recently archived first. */
export const archivedListSchema = z.strictObject({
  data: z.array(archivedSchema),
  next: z.string().nullable().describe('The cursor of the next page; null on the last page.'),
});

const term = z.strictObject({
  slug: text.describe('What the `form`, `issue`, `tag` or `employmentType` filter takes.'),
  label: text,
  actions: z.number().int().describe('How many published employee actions carry it.'),
});

/** The controlled lists the action filters take their values from (merged terms left out). */
export const vocabularySchema = z.strictObject({
  data: z.strictObject({
    forms: z.array(term).describe('Forms of action (the `form` filter), A to Z.'),
    issues: z.array(term).describe('Issues (the `issue` filter), A to Z.'),
    tags: z
      .array(term)
      .describe('Tags (the `tag` filter): what an action was about more narrowly (ice, military-contracts…), A to Z.'),
    employmentTypes: z
      .array(term)
      .describe(
        'Employment types (the `employmentType` filter): whose action it was (contract-workers, gig-workers…), A to Z.',
      ),
  }),
});

/** GET /api/v1: where everything is, with the licence. */
export const indexSchema = z.strictObject({
  openapi: z.string().describe('This document.'),
  documentation: z.string().describe('The page that documents the API, the exports and the feeds.'),
  lists: z
    .record(z.string(), z.strictObject({ title: z.string(), url: z.string() }))
    .describe('Each list of records by its name (companies, actions…): its title and its address.'),
  vocabulary: z.string().describe('The values of the form, issue, tag and employment type filters.'),
  archived: z.string().describe('The records archived since they were published.'),
  exports: z.string().describe('The whole published record as one JSON file.'),
  feeds: z.strictObject({ atom: z.string(), json: z.string() }).describe('The feeds of everything newly published.'),
  licence: z.string().describe('The licence of the data, in words.'),
  licenceSpdx: z.string().describe('Its SPDX identifier.'),
  licenceUrl: z.string(),
  howToCite: z.string(),
});

export type Citation = z.infer<typeof citationSchema>;
export type CompanyRecord = z.infer<typeof companySchema>;
export type AgencyRecord = z.infer<typeof agencySchema>;
export type OrganizationRecord = z.infer<typeof organizationSchema>;
export type ActionRecord = z.infer<typeof actionSchema>;
export type ContractRecord = z.infer<typeof contractSchema>;
export type DonationRecord = z.infer<typeof donationSchema>;
export type StatementRecord = z.infer<typeof statementSchema>;
export type SourceRecord = z.infer<typeof sourceSchema>;
export type ArchivedRecord = z.infer<typeof archivedSchema>;
export type ApiIssue = z.infer<typeof errorSchema>['error']['issues'][number];
