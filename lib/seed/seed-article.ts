import type { PrismaClient } from '../generated/prisma/client';
import { COLLECTIVE_ACTION_SOURCE } from '../import/collective-action-import';
import { ensureCompanies } from '../records/companies';
import { revisionRow, type RevisionInput } from '../records/revisions';
import { ensureControlledTerms, loadTermResolver } from '../records/vocabulary';
import { nameKey } from '../text';

/**
 * The facts of the news report Counterweight was born from (data/seed-article.txt, 2018-07-19),
 * each as a published record citing it. Dates the report does not give are stored at the
 * precision it does give (the month, or the year) and never made more exact than that.
 */
export const SEED_ARTICLE = {
  // Our copy of the report does not carry its headline or address; the reporting is BuzzFeed
  // News's own ("a letter ... obtained by BuzzFeed News"). A citation without a url must name
  // publisher, title and date, so the title says what the report is.
  publisher: 'BuzzFeed News',
  title: 'News report of 19 July 2018: RAICES rejects a $250,000 donation from Salesforce over its CBP contract',
  publishedAt: new Date('2018-07-19T00:00:00Z'),
  excerpt:
    'A leading legal services group providing aid to immigrant families facing separation at the US border, ' +
    'Refugee and Immigrant Center for Education and Legal Services (RAICES), rejected a $250,000 donation this ' +
    'week from Salesforce because the software company has an ongoing contract with Customs and Border Protection (CBP).',
};

const ACTOR = 'seed';

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Whether the report is stored (and its facts with it: the demo data loads them all or none). */
export async function seedArticleStored(tx: Tx): Promise<boolean> {
  const article = await tx.source.findFirst({
    where: { url: null, publisher: SEED_ARTICLE.publisher, title: SEED_ARTICLE.title },
    select: { id: true },
  });
  return article !== null;
}

/**
 * Stores the report's facts, in the caller's transaction (the demo data loads them with the rest,
 * all or nothing). Does nothing when they are already stored.
 */
export async function seedArticleFacts(tx: Tx): Promise<{ created: boolean }> {
  if (await seedArticleStored(tx)) return { created: false };

  const revisions: RevisionInput[] = [];
  const article = await tx.source.create({ data: SEED_ARTICLE });
  revisions.push({ recordType: 'SOURCE', recordId: article.id, kind: 'CREATE', actor: ACTOR, after: article });
  // Every other record created here cites the report: its first step says so, as its page does.
  const created = <Record extends { id: string }>(recordType: RevisionInput['recordType'], record: Record) => {
    revisions.push({
      recordType,
      recordId: record.id,
      kind: 'CREATE',
      actor: ACTOR,
      after: { ...record, sources: [{ sourceId: article.id }] },
    });
    return record;
  };
  const cite = { create: [{ sourceId: article.id }] };

  // Companies: found by name when the data set import already created them, else created.
  const { idByKey } = await ensureCompanies(
    tx,
    [
      { name: 'Salesforce', aliases: ['Salesforce.com'] },
      { name: 'Alphabet' },
      { name: 'Google', parent: 'Alphabet' },
      { name: 'Microsoft' },
      { name: 'Amazon' },
    ],
    { actor: ACTOR, sourceIds: [article.id], status: 'PUBLISHED' },
  );
  const companyId = (name: string) => idByKey.get(nameKey(name)) as string;
  // What the report itself says of a company, and nothing more: no ticker, website or headquarters
  // it does not give. Of Salesforce it says "the software company" and "Salesforce\u2019s new San
  // Francisco headquarters"; of the others, only their contracts.
  const salesforceId = companyId('Salesforce');
  const withSources = {
    include: { sources: { select: { sourceId: true } }, aliases: { select: { name: true, key: true } } },
  } as const;
  // Its other names, kept whole in both states as in its first step: none of them changes here.
  const otherNames = (company: { name: string; aliases: { name: string; key: string }[] }) =>
    company.aliases
      .filter((alias) => alias.key !== nameKey(company.name))
      .map((alias) => alias.name)
      .sort();
  const {
    sources: sourcesBefore,
    aliases: aliasesBefore,
    ...before
  } = await tx.company.findUniqueOrThrow({
    where: { id: salesforceId },
    ...withSources,
  });
  const {
    sources: sourcesAfter,
    aliases: aliasesAfter,
    ...after
  } = await tx.company.update({
    where: { id: salesforceId },
    data: {
      sector: 'Software',
      hqCountry: 'US',
      description: 'Software company with its headquarters in San Francisco.',
      status: 'PUBLISHED',
      version: { increment: 1 },
      sources: {
        connectOrCreate: {
          where: { companyId_sourceId: { companyId: salesforceId, sourceId: article.id } },
          create: { sourceId: article.id },
        },
      },
    },
    ...withSources,
  });
  revisions.push({
    recordType: 'COMPANY',
    recordId: salesforceId,
    kind: 'UPDATE',
    actor: ACTOR,
    before: {
      ...before,
      aliases: otherNames({ ...before, aliases: aliasesBefore }),
      sources: sourceIds(sourcesBefore),
    },
    after: { ...after, aliases: otherNames({ ...after, aliases: aliasesAfter }), sources: sourceIds(sourcesAfter) },
    reason: 'What the seed report says of the company, citing it',
  });

  // Agencies.
  const agency = async (data: { slug: string; name: string; acronym: string; aliases?: string[]; parentId?: string }) =>
    created(
      'AGENCY',
      await tx.agency.create({
        data: { ...data, country: 'US', level: 'FEDERAL', status: 'PUBLISHED', sources: cite },
      }),
    );
  const dhs = await agency({ slug: 'dhs', name: 'Department of Homeland Security', acronym: 'DHS' });
  const cbp = await agency({
    slug: 'cbp',
    name: 'U.S. Customs and Border Protection',
    acronym: 'CBP',
    parentId: dhs.id,
  });
  const ice = await agency({
    slug: 'ice',
    name: 'U.S. Immigration and Customs Enforcement',
    acronym: 'ICE',
    parentId: dhs.id,
  });
  // The report names it by its headquarters: "its current drone technology contract with the Pentagon".
  const dod = await agency({ slug: 'dod', name: 'Department of Defense', acronym: 'DoD', aliases: ['Pentagon'] });

  // Organizations.
  const raices = created(
    'ORGANIZATION',
    await tx.organization.create({
      data: {
        slug: 'raices',
        name: 'Refugee and Immigrant Center for Education and Legal Services',
        acronym: 'RAICES',
        kind: 'LEGAL_AID',
        country: 'US',
        description:
          'Legal-aid group providing legal services to immigrant families, including families separated at the US border.',
        status: 'PUBLISHED',
        sources: cite,
      },
    }),
  );

  // Contracts.
  const contract = async (data: {
    companyId: string;
    agencyId: string;
    subAgencyId?: string;
    title: string;
    purpose: string;
    contractStatus: 'ACTIVE' | 'NOT_RENEWED';
  }) =>
    created(
      'CONTRACT',
      await tx.governmentContract.create({
        data: { ...data, awardDate: null, status: 'PUBLISHED', sources: cite },
      }),
    );
  const salesforceCbp = await contract({
    companyId: companyId('Salesforce'),
    agencyId: dhs.id,
    subAgencyId: cbp.id,
    title: 'Software and technical services for U.S. Customs and Border Protection',
    purpose:
      'Salesforce software and technical services provided to CBP. Salesforce declined to cancel the contract after employee petitions, protests and RAICES\u2019s rejection of its donation.',
    contractStatus: 'ACTIVE',
  });
  const googleDrone = await contract({
    companyId: companyId('Google'),
    agencyId: dod.id,
    title: 'Drone technology contract with the Pentagon',
    purpose:
      'Google\u2019s drone-technology contract with the Department of Defense. Google said it would not pursue a renewal after employees protested and 12 resigned.',
    contractStatus: 'NOT_RENEWED',
  });
  const microsoftIce = await contract({
    companyId: companyId('Microsoft'),
    agencyId: dhs.id,
    subAgencyId: ice.id,
    title: 'Contract with U.S. Immigration and Customs Enforcement',
    purpose:
      'Microsoft\u2019s contract with ICE, an agency within DHS. Not cancelled despite employee petitions and public protest.',
    contractStatus: 'ACTIVE',
  });
  const amazonIce = await contract({
    companyId: companyId('Amazon'),
    agencyId: dhs.id,
    subAgencyId: ice.id,
    title: 'Contract with U.S. Immigration and Customs Enforcement',
    purpose:
      'Amazon\u2019s contract with ICE, an agency within DHS. Not cancelled despite employee petitions and public protest.',
    contractStatus: 'ACTIVE',
  });

  // Employee actions the report describes that the data set does not hold.
  await ensureControlledTerms(tx);
  const terms = await loadTermResolver(tx);
  const term = (kind: 'ACTION_FORM' | 'ISSUE', value: string) => {
    const resolved = terms.resolve(kind, value);
    if (!resolved.termId) throw new Error(resolved.reason);
    return { termId: resolved.termId };
  };
  created(
    'EMPLOYEE_ACTION',
    await tx.employeeAction.create({
      data: {
        title: 'Protest outside Salesforce\u2019s new San Francisco headquarters',
        description:
          'Salesforce employees and local activists protested outside Salesforce\u2019s new San Francisco headquarters, demanding that the company end its contract with CBP. The company warned employees to be aware of and report any security threats.',
        startDate: utc('2018-07-01'),
        datePrecision: 'MONTH',
        demands: 'End the contract with U.S. Customs and Border Protection.',
        outcome: 'NOT_MET',
        outcomeDate: utc('2018-07-19'),
        outcomeNote: 'As of 19 July 2018 Salesforce had declined to cancel the contract.',
        online: false,
        status: 'PUBLISHED',
        companies: { create: [{ companyId: companyId('Salesforce') }] },
        contracts: { create: [{ contractId: salesforceCbp.id }] },
        terms: { create: [term('ACTION_FORM', 'protest'), term('ISSUE', 'ethics')] },
        locations: {
          create: [
            { label: 'San Francisco, California, USA', city: 'San Francisco', region: 'California', country: 'US' },
          ],
        },
        sources: cite,
      },
    }),
  );
  const googleResignations = created(
    'EMPLOYEE_ACTION',
    await tx.employeeAction.create({
      data: {
        title: 'Google employees resign in protest of the Pentagon drone contract',
        description:
          'Twelve Google employees resigned in protest of the company\u2019s drone-technology contract with the Pentagon; Google then said it would not pursue a renewal.',
        startDate: utc('2018-01-01'),
        datePrecision: 'YEAR',
        participantsMin: 12,
        participantsMax: 12,
        participantsText: '12 employees resigned',
        // The report says they resigned in protest, not what they asked for: no demands are written.
        // That the outcome was met is its own reading ("agree not to continue ... following pushback").
        outcome: 'MET',
        outcomeNote: 'Google said it would not pursue a renewal of the contract.',
        status: 'PUBLISHED',
        companies: { create: [{ companyId: companyId('Google') }] },
        contracts: { create: [{ contractId: googleDrone.id }] },
        terms: { create: [term('ACTION_FORM', 'resignation'), term('ISSUE', 'ethics')] },
        sources: cite,
      },
    }),
  );

  // The data set's own records of the same campaigns: linked to the contracts they target.
  const imported = await tx.employeeAction.findMany({
    where: { externalSource: COLLECTIVE_ACTION_SOURCE, externalId: { in: ['92', '85', '89', '397', '154', '169'] } },
    select: { id: true, externalId: true },
  });
  const importedId = new Map(imported.map((action) => [action.externalId, action.id]));
  const links: [string, string, boolean][] = [
    ['92', salesforceCbp.id, true], // the 2018-06-25 open letter of 650 Salesforce employees
    ['85', googleDrone.id, false], // the Project Maven petition
    ['89', microsoftIce.id, false], // the Microsoft open letter about ICE
    ['397', microsoftIce.id, false], // the Microsoft petition about ICE
    // The report's "public protest" of Amazon's: the data set's records that ask it to end its ICE work.
    ['154', amazonIce.id, false], // the protest at the AWS summit, calling on Amazon to cease its relationships with ICE
    ['169', amazonIce.id, false], // the Whole Foods workers' open letter against Amazon's ties to ICE
  ];
  for (const [externalId, contractId, citeArticle] of links) {
    const actionId = importedId.get(externalId);
    if (!actionId) continue;
    revisions.push(await linkImportedAction(tx, actionId, contractId, citeArticle ? article.id : null));
  }

  // Donation responses.
  const rejection = created(
    'DONATION_RESPONSE',
    await tx.donationResponse.create({
      data: {
        companyId: companyId('Salesforce'),
        organizationId: raices.id,
        date: utc('2018-07-01'),
        datePrecision: 'MONTH',
        amount: '250000',
        currency: 'USD',
        response: 'REJECTED',
        reason:
          'RAICES would not accept the money unless Salesforce cancelled its contract with Customs and Border Protection.',
        quote:
          'When it comes to supporting oppressive, inhumane, and illegal policies, we want to be clear: the only right action is to stop.',
        quoteAttribution: 'Jonathan Ryan, Executive Director, RAICES',
        status: 'PUBLISHED',
        contracts: { create: [{ contractId: salesforceCbp.id }] },
        sources: cite,
      },
    }),
  );
  const millionDonated = created(
    'DONATION_RESPONSE',
    await tx.donationResponse.create({
      data: {
        companyId: companyId('Salesforce'),
        organizationId: null,
        date: utc('2018-01-01'),
        datePrecision: 'YEAR',
        amount: '1000000',
        currency: 'USD',
        response: 'DONATED',
        reason:
          'Salesforce\u2019s CEO said the company had donated $1 million to aid groups; the company declined to name them.',
        quoteAttribution: 'Marc Benioff, CEO, Salesforce',
        status: 'PUBLISHED',
        contracts: { create: [{ contractId: salesforceCbp.id }] },
        sources: cite,
      },
    }),
  );

  // Company statements.
  const statement = async (data: Parameters<typeof tx.companyStatement.create>[0]['data']) =>
    created(
      'COMPANY_STATEMENT',
      await tx.companyStatement.create({ data: { ...data, status: 'PUBLISHED', sources: cite } as typeof data }),
    );
  await statement({
    companyId: companyId('Salesforce'),
    date: utc('2018-07-19'),
    kind: 'DECLINED_TO_COMMENT',
    summary:
      'Salesforce declined to comment on RAICES\u2019s rejection of its donation, pointing to its CEO\u2019s earlier tweets on the CBP contract.',
    donationResponseId: rejection.id,
    contractId: salesforceCbp.id,
  });
  // The report quotes only a few words of the CEO's tweet; the rest of its sentence is its own
  // account, so it is the summary and only his words are the quote. The report ties what he
  // said to the CBP contract and to the $1 million, not to any employee action.
  await statement({
    companyId: companyId('Salesforce'),
    date: utc('2018-01-01'),
    datePrecision: 'YEAR',
    kind: 'STATEMENT',
    summary:
      'CEO Marc Benioff said in a tweet that Salesforce is \u201ctrue to our core values\u201d and doesn\u2019t \u201cwork with CBP regarding separation of families\u201d; he also said it had donated $1 million to aid groups.',
    quote: 'true to our core values',
    speaker: 'Marc Benioff, CEO, Salesforce',
    contractId: salesforceCbp.id,
    donationResponseId: millionDonated.id,
  });
  await statement({
    companyId: companyId('Salesforce'),
    date: utc('2018-07-01'),
    datePrecision: 'MONTH',
    kind: 'STATEMENT',
    summary: 'Salesforce said it would not cancel its contract with Customs and Border Protection.',
    contractId: salesforceCbp.id,
  });
  await statement({
    companyId: companyId('Google'),
    date: utc('2018-01-01'),
    datePrecision: 'YEAR',
    kind: 'CANCELLED_OR_NOT_RENEWED',
    summary: 'Google said it would not pursue a renewal of its drone-technology contract with the Pentagon.',
    contractId: googleDrone.id,
    actionId: googleResignations.id,
  });
  const steps = await Promise.all(revisions.map((revision) => withLinks(tx, revision)));
  await tx.revision.createMany({ data: steps.map(revisionRow) });
  return { created: true };
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * A created record's first step with what it was created linked to, which the row a `create`
 * returns does not hold: an action's companies, forms, issues, contracts and places, a donation
 * response's contracts; written as the import's first steps write them (companies by name).
 */
async function withLinks(tx: Tx, revision: RevisionInput): Promise<RevisionInput> {
  if (revision.kind !== 'CREATE' || !revision.after || typeof revision.after !== 'object') return revision;
  const where = { id: revision.recordId };
  const contracts = { select: { contractId: true }, orderBy: { contractId: 'asc' } } as const;
  if (revision.recordType === 'EMPLOYEE_ACTION') {
    const action = await tx.employeeAction.findUniqueOrThrow({
      where,
      select: {
        companies: { select: { company: { select: { name: true } } } },
        terms: { select: { term: { select: { kind: true, slug: true } } } },
        contracts,
        locations: { orderBy: { position: 'asc' }, select: { label: true, city: true, region: true, country: true } },
      },
    });
    const slugs = (kind: string) => action.terms.flatMap(({ term }) => (term.kind === kind ? [term.slug] : [])).sort();
    return {
      ...revision,
      after: {
        ...revision.after,
        companies: action.companies.map((link) => link.company.name).sort(),
        formSlugs: slugs('ACTION_FORM'),
        issueSlugs: slugs('ISSUE'),
        contractIds: action.contracts.map((link) => link.contractId),
        places: action.locations,
      },
    };
  }
  if (revision.recordType === 'DONATION_RESPONSE') {
    const donation = await tx.donationResponse.findUniqueOrThrow({ where, select: { contracts } });
    return {
      ...revision,
      after: { ...revision.after, contractIds: donation.contracts.map((link) => link.contractId) },
    };
  }
  return revision;
}

/** Sources as revisions keep them (lib/data/record-state.ts): a set, in a stable order, each by its id. */
const sourceIds = (links: { sourceId: string }[]) =>
  links
    .map((link) => link.sourceId)
    .sort()
    .map((sourceId) => ({ sourceId }));

/**
 * Links an action of the data set to the contract it targets and, when the report tells of it,
 * cites the report: a change like any other, so the record's version goes up and its history says
 * what the step changed, the added source included.
 */
async function linkImportedAction(
  tx: Tx,
  actionId: string,
  contractId: string,
  articleId: string | null,
): Promise<RevisionInput> {
  const links = {
    version: true,
    contracts: { select: { contractId: true } },
    sources: { select: { sourceId: true } },
  } as const;
  const before = await tx.employeeAction.findUniqueOrThrow({ where: { id: actionId }, select: links });
  const after = await tx.employeeAction.update({
    where: { id: actionId },
    data: {
      version: { increment: 1 },
      contracts: { create: [{ contractId }] },
      ...(articleId ? { sources: { create: [{ sourceId: articleId }] } } : {}),
    },
    select: links,
  });
  const state = (action: typeof before) => ({
    version: action.version,
    contractIds: action.contracts.map((link) => link.contractId).sort(),
    ...(articleId ? { sources: sourceIds(action.sources) } : {}),
  });
  return {
    recordType: 'EMPLOYEE_ACTION',
    recordId: actionId,
    kind: 'UPDATE',
    actor: ACTOR,
    before: state(before),
    after: state(after),
    reason: articleId
      ? 'Linked to the contract it targets, citing the seed report'
      : 'Linked to the contract it targets',
  };
}
