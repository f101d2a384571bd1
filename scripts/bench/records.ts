// The synthetic employee actions, donation responses and statements, each published with at
// least one source, drawn onto companies by the Zipf sampler the caller passes.
import type { SyntheticCounts } from './generate';
import { FILLERS, PLACES, PUBLISHED_NOW, type Random, Rows, syntheticId as id } from './synthetic';

export interface TermChoice {
  id: string;
  label: string;
}

export interface RecordContext {
  insert: (table: string, data: Rows<string>, constants?: Record<string, string>) => Promise<void>;
  random: Random;
  counts: SyntheticCounts;
  terms: { forms: [TermChoice, number][]; issues: [TermChoice, number][] };
  companyRank: () => number;
  companyName: (index: number) => string;
  /** Contract indexes by company index. */
  contractsOf: Map<number, number[]>;
  /** Where each kind of record's own sources start among the source indexes. */
  own: { actions: number; donations: number; statements: number };
  /** A shared source for a quarter of the records, or null. */
  maybePool: () => string | null;
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function writeRecords(context: RecordContext): Promise<void> {
  const actionsOf = await writeActions(context);
  const donationsOf = await writeDonations(context);
  await writeStatements(context, actionsOf, donationsOf);
}

async function writeActions(context: RecordContext): Promise<Map<number, number[]>> {
  const { random, counts, terms, companyRank, companyName, contractsOf } = context;
  const actionsOf = new Map<number, number[]>();
  const actions = new Rows({
    id: 'text',
    title: 'text',
    description: 'text',
    start_date: 'date',
    date_precision: '"DatePrecision"',
    participants_min: 'int',
    participants_max: 'int',
    participants_text: 'text',
    outcome: '"ActionOutcome"',
    online: 'boolean',
  });
  const companyLinks = new Rows({ action_id: 'text', company_id: 'text' });
  const termLinks = new Rows({ action_id: 'text', term_id: 'text' });
  const contractLinks = new Rows({ action_id: 'text', contract_id: 'text' });
  const organizationLinks = new Rows({ action_id: 'text', organization_id: 'text' });
  const sourceLinks = new Rows({ action_id: 'text', source_id: 'text' });
  const locations = new Rows({
    id: 'text',
    action_id: 'text',
    position: 'int',
    city: 'text',
    region: 'text',
    country: 'text',
    label: 'text',
  });
  const outcomes = [
    ['UNKNOWN', 50],
    ['NOT_MET', 20],
    ['PENDING', 10],
    ['MET', 10],
    ['PARTLY_MET', 10],
  ] as const;

  for (let k = 0; k < counts.actions; k += 1) {
    const actionId = id('act', k);
    const primary = companyRank();
    const secondary = random.chance(0.1) ? companyRank() : primary;
    const companies = secondary === primary ? [primary] : [primary, secondary];
    const form = random.weighted(terms.forms);
    const secondForm = random.chance(0.2) ? random.weighted(terms.forms) : form;
    const forms = secondForm.id === form.id ? [form] : [form, secondForm];
    const issue = random.chance(0.7) ? random.weighted(terms.issues) : null;
    const contract = random.chance(0.2) ? contractsOf.get(primary) : undefined;
    const contractIndex = contract ? random.pick(contract) : null;
    const participants = random.chance(0.6) ? random.logInt(1, 20_000) : null;
    const when = random.date();
    const names = companies.map(companyName).join(' and ');
    const what = forms.map((term, index) => (index === 0 ? term.label : term.label.toLowerCase())).join(' and ');

    add(actionsOf, primary, k);
    actions.push({
      id: actionId,
      title: `${what} by ${names} workers`,
      description:
        `Synthetic record generated for the benchmark. ${participants ?? 'An unknown number of'} workers of ${names} ` +
        `took part in a ${forms[0]?.label.toLowerCase()} over ${issue ? issue.label.toLowerCase() : 'the company’s conduct'}` +
        `${contractIndex !== null ? ` and its government contract ${contractIndex + 1}` : ''}. ${random.pick(FILLERS)}`,
      start_date: when.date,
      date_precision: when.precision,
      participants_min: participants,
      participants_max: participants,
      participants_text: participants === null && random.chance(0.3) ? 'hundreds' : null,
      outcome: random.weighted(outcomes),
      online: random.chance(0.5) ? null : random.chance(0.2),
    });
    for (const company of companies) companyLinks.push({ action_id: actionId, company_id: id('co', company) });
    for (const term of forms) termLinks.push({ action_id: actionId, term_id: term.id });
    if (issue) termLinks.push({ action_id: actionId, term_id: issue.id });
    if (contractIndex !== null) contractLinks.push({ action_id: actionId, contract_id: id('ct', contractIndex) });
    if (random.chance(0.05)) {
      organizationLinks.push({
        action_id: actionId,
        organization_id: id('org', random.int(0, counts.organizations - 1)),
      });
    }
    if (random.chance(0.3)) {
      const place = random.pick(PLACES);
      locations.push({
        id: id('loc', k),
        action_id: actionId,
        position: 0,
        ...place,
        label: `${place.city}, ${place.region}, ${place.country}`,
      });
    }
    sourceLinks.push({ action_id: actionId, source_id: id('src', context.own.actions + k) });
    const extra = context.maybePool();
    if (extra) sourceLinks.push({ action_id: actionId, source_id: extra });
  }
  await context.insert('employee_actions', actions, PUBLISHED_NOW);
  await context.insert('employee_action_companies', companyLinks);
  await context.insert('employee_action_terms', termLinks);
  await context.insert('employee_action_contracts', contractLinks);
  await context.insert('employee_action_organizations', organizationLinks);
  await context.insert('employee_action_sources', sourceLinks);
  await context.insert('action_locations', locations);
  return actionsOf;
}

async function writeDonations(context: RecordContext): Promise<Map<number, number[]>> {
  const { random, counts, companyRank, companyName, contractsOf } = context;
  const donationsOf = new Map<number, number[]>();
  const donations = new Rows({
    id: 'text',
    company_id: 'text',
    organization_id: 'text',
    date: 'date',
    date_precision: '"DatePrecision"',
    amount: 'numeric',
    amount_undisclosed: 'boolean',
    response: '"DonationResponseKind"',
    reason: 'text',
    quote: 'text',
    quote_attribution: 'text',
  });
  const contractLinks = new Rows({ donation_response_id: 'text', contract_id: 'text' });
  const sourceLinks = new Rows({ donation_response_id: 'text', source_id: 'text' });
  const responses = [
    ['REJECTED', 40],
    ['RETURNED', 20],
    ['ACCEPTED', 15],
    ['REDIRECTED', 10],
    ['DONATED', 15],
  ] as const;

  for (let k = 0; k < counts.donations; k += 1) {
    const donationId = id('don', k);
    const company = companyRank();
    const undisclosed = random.chance(0.2);
    const when = random.date();
    const contracts = contractsOf.get(company);
    add(donationsOf, company, k);
    donations.push({
      id: donationId,
      company_id: id('co', company),
      organization_id: random.chance(0.9) ? id('org', random.int(0, counts.organizations - 1)) : null,
      date: when.date,
      date_precision: when.precision,
      amount: undisclosed ? null : `${random.logInt(1_000, 5_000_000)}.00`,
      amount_undisclosed: undisclosed,
      response: random.weighted(responses),
      reason: `Synthetic record: a donation from ${companyName(company)}, answered over its government contracts.`,
      quote: random.chance(0.3) ? 'We will not accept money from a company that profits from this contract.' : null,
      quote_attribution: random.chance(0.3) ? 'A synthetic spokesperson' : null,
    });
    if (contracts && random.chance(0.3)) {
      contractLinks.push({ donation_response_id: donationId, contract_id: id('ct', random.pick(contracts)) });
    }
    sourceLinks.push({ donation_response_id: donationId, source_id: id('src', context.own.donations + k) });
    const extra = context.maybePool();
    if (extra) sourceLinks.push({ donation_response_id: donationId, source_id: extra });
  }
  await context.insert('donation_responses', donations, PUBLISHED_NOW);
  await context.insert('donation_response_contracts', contractLinks);
  await context.insert('donation_response_sources', sourceLinks);
  return donationsOf;
}

async function writeStatements(
  context: RecordContext,
  actionsOf: Map<number, number[]>,
  donationsOf: Map<number, number[]>,
): Promise<void> {
  const { random, counts, companyRank, companyName, contractsOf } = context;
  const statements = new Rows({
    id: 'text',
    company_id: 'text',
    date: 'date',
    date_precision: '"DatePrecision"',
    kind: '"StatementKind"',
    summary: 'text',
    quote: 'text',
    speaker: 'text',
    action_id: 'text',
    contract_id: 'text',
    donation_response_id: 'text',
  });
  const sourceLinks = new Rows({ statement_id: 'text', source_id: 'text' });
  const kinds = [
    ['STATEMENT', 60],
    ['DECLINED_TO_COMMENT', 25],
    ['CANCELLED_OR_NOT_RENEWED', 10],
    ['RETALIATION', 5],
  ] as const;
  const maybeOne = (list: number[] | undefined, probability: number) =>
    list && random.chance(probability) ? random.pick(list) : null;

  for (let k = 0; k < counts.statements; k += 1) {
    const statementId = id('st', k);
    const company = companyRank();
    const when = random.date();
    const action = maybeOne(actionsOf.get(company), 0.4);
    const contract = maybeOne(contractsOf.get(company), 0.2);
    const donation = maybeOne(donationsOf.get(company), 0.1);
    statements.push({
      id: statementId,
      company_id: id('co', company),
      date: when.date,
      date_precision: when.precision,
      kind: random.weighted(kinds),
      summary: `Synthetic record: ${companyName(company)} answered its critics about its government work.`,
      quote: random.chance(0.4) ? 'We are proud to support the public servants who rely on our products.' : null,
      speaker: random.chance(0.4) ? 'A synthetic chief executive' : null,
      action_id: action === null ? null : id('act', action),
      contract_id: contract === null ? null : id('ct', contract),
      donation_response_id: donation === null ? null : id('don', donation),
    });
    sourceLinks.push({ statement_id: statementId, source_id: id('src', context.own.statements + k) });
    const extra = context.maybePool();
    if (extra) sourceLinks.push({ statement_id: statementId, source_id: extra });
  }
  await context.insert('company_statements', statements, PUBLISHED_NOW);
  await context.insert('company_statement_sources', sourceLinks);
}
