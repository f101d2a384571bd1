import { z } from 'zod';
import { capitalize } from '../text';
import {
  companyFeedParamsSchema,
  ARCHIVABLE_KIND,
  archivedParamsSchema,
  exportParamsSchema,
  itemKeySchema,
  KIND_INFO,
  KINDS,
  listParamsSchema,
  type Kind,
} from './kinds';
import { LICENCE } from './licence';
import { archivedListSchema, archivedSchema, errorSchema, indexSchema, vocabularySchema } from './schemas';
import { comparisonCsvParamsSchema } from '../validation/compare-params';

/*
 * The OpenAPI 3.1 document of /api/v1, generated with z.toJSONSchema from the very schemas the
 * handlers parse their parameters with (lib/api/kinds.ts) and type their records by
 * (lib/api/schemas.ts). OpenAPI 3.1 schemas are JSON Schema 2020-12, which zod writes.
 */

type JsonSchema = Record<string, unknown>;

/** "actions" -> "Action", "companies" -> "Company": the component names of each kind's record. */
export const SCHEMA_NAME: Record<Kind, string> = {
  companies: 'Company',
  agencies: 'Agency',
  organizations: 'Organization',
  actions: 'Action',
  contracts: 'Contract',
  donations: 'Donation',
  statements: 'Statement',
  sources: 'Source',
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A schema as an OpenAPI component or parameter: without the document-level `$schema` and `$id`. */
function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  registry.add(errorSchema, { id: 'Error' });
  registry.add(indexSchema, { id: 'Index' });
  registry.add(vocabularySchema, { id: 'Vocabulary' });
  registry.add(archivedSchema, { id: 'Archived' });
  registry.add(archivedListSchema, { id: 'ArchivedList' });
  for (const kind of KINDS) {
    const record = KIND_INFO[kind].record;
    const name = SCHEMA_NAME[kind];
    registry.add(record, { id: name });
    registry.add(z.strictObject({ data: z.array(record), next: z.string().nullable() }), { id: `${name}List` });
    registry.add(z.strictObject({ data: record }), { id: `${name}Item` });
  }
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, clean(schema as JsonSchema)]));
}

/** The query parameters of an object schema, one OpenAPI parameter per property. */
export function queryParameters(schema: z.ZodObject): JsonSchema[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const json = clean(z.toJSONSchema(field, { io: 'input' }) as JsonSchema);
    const { description, ...rest } = json;
    return { name, in: 'query', required: !field.safeParse(undefined).success, description, schema: rest };
  });
}

const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const headers = {
  ETag: {
    description: 'A weak ETag (W/"…"), a hash of the body whatever its encoding; send it back as If-None-Match.',
    schema: { type: 'string' },
  },
  'Cache-Control': { description: '`public, max-age=60`', schema: { type: 'string' } },
  'Access-Control-Allow-Origin': { description: '`*`', schema: { type: 'string' } },
};
const errors = {
  '304': { description: 'Not modified: the If-None-Match header named the current ETag.', headers },
  '400': { description: 'A parameter is malformed or names nothing on record.', content: json('Error') },
  '404': {
    description:
      'No such published record. A company or agency asked for by another of its names (aws, pentagon) is not found under it; the message gives its slug.',
    content: json('Error'),
  },
  '500': { description: 'The server could not answer.', content: json('Error') },
  '503': {
    description: 'The database is unavailable for a moment: try again after Retry-After.',
    headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'string' } } },
    content: json('Error'),
  },
};
/** An address that takes no query parameters, given one. */
const noParameters = { description: 'A query parameter was given: this address takes none.', content: json('Error') };
/** The names merged into another in the whole record: the address names kept from before a merge. */
const mergedList = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'slug', 'name', 'mergedInto'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      slug: { type: 'string' },
      name: { type: 'string' },
      mergedInto: {
        type: 'object',
        required: ['slug', 'name'],
        additionalProperties: false,
        properties: { slug: { type: 'string' }, name: { type: 'string' } },
      },
    },
  },
};
/** An export refused for now: as many run at once as the server allows (see Retry-After). */
const busy = {
  '503': {
    description:
      'Busy (the most exports the server runs at once are running), or the database unavailable for a moment: try again after Retry-After.',
    headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'string' } } },
    content: json('Error'),
  },
};

const string = (description: string) => ({ type: 'string', description });
/** What an export and the whole record say of themselves before their records (`about` in lib/api/export.ts). */
const ABOUT: Record<string, JsonSchema> = {
  publisher: string('"Counterweight".'),
  url: string('The site\u2019s address.'),
  licence: string('The terms of reuse, in words.'),
  licenceSpdx: string('The SPDX identifier of the licence of Counterweight\u2019s own data: CC0-1.0.'),
  licenceUrl: string('The licence\u2019s text.'),
  dataSet: {
    type: 'object',
    description: 'The data set the imported employee actions come from, with its citation and licence.',
    required: ['title', 'citation', 'licence', 'url'],
    properties: {
      title: { type: 'string' },
      citation: { type: 'string' },
      licence: { type: 'string' },
      url: { type: 'string' },
    },
  },
  howToCite: string('How to cite the data and its sources.'),
  generatedAt: { type: 'string', format: 'date-time', description: 'When the file was written.' },
};

function paths(): Record<string, JsonSchema> {
  const result: Record<string, JsonSchema> = {
    '/api/v1/vocabulary': {
      get: {
        operationId: 'getVocabulary',
        tags: ['Vocabulary'],
        summary: 'The values of the form, issue, tag and employment type filters',
        description:
          'The controlled lists of forms of action, issues, tags and employment types, each term with its slug (what the ' +
          '`form`, `issue`, `tag` and `employmentType` filters of /api/v1/actions and its exports take) and how many ' +
          'published actions carry it.',
        responses: {
          '200': {
            description: 'The forms of action, the issues, the tags and the employment types.',
            headers,
            content: json('Vocabulary'),
          },
          '304': errors['304'],
          '400': noParameters,
          '500': errors['500'],
          '503': errors['503'],
        },
      },
    },
  };
  for (const kind of KINDS) {
    const info = KIND_INFO[kind];
    const name = SCHEMA_NAME[kind];
    // The list's own word: listCompanies, exportAgenciesCsv (the record's name plus s made listCompanys).
    const plural = capitalize(kind);
    result[`/api/v1/${kind}`] = {
      get: {
        operationId: `list${plural}`,
        tags: [info.title],
        summary: `List ${info.title.toLowerCase()}`,
        description: `${info.description} Pages of up to 100 records; follow \`next\` until it is null.`,
        parameters: queryParameters(listParamsSchema(kind)),
        responses: {
          '200': { description: `A page of ${info.title.toLowerCase()}.`, headers, content: json(`${name}List`) },
          '304': errors['304'],
          '400': errors['400'],
          '500': errors['500'],
          '503': errors['503'],
        },
      },
    };
    result[`/api/v1/${kind}/{key}`] = {
      get: {
        operationId: `get${name}`,
        tags: [info.title],
        summary: `One ${info.singular}`,
        parameters: [
          {
            name: 'key',
            in: 'path',
            required: true,
            description: info.key === 'slug' ? 'The slug (or the id).' : 'The id.',
            schema: clean(z.toJSONSchema(itemKeySchema(kind), { io: 'input' }) as JsonSchema),
          },
        ],
        responses: {
          '200': { description: `The ${info.singular}.`, headers, content: json(`${name}Item`) },
          ...errors,
          ...(ARCHIVABLE_KIND[kind] && {
            '410': {
              description: `Gone: the ${info.singular} was public until a reviewer archived it; \`error.archived\` says when, why, and where its history is.`,
              content: json('Error'),
            },
          }),
        },
      },
    };
    const exported = {
      tags: ['Exports'],
      parameters: queryParameters(exportParamsSchema(kind)),
      description: `Every record of the list, streamed from the database; the same filters as the list.`,
    };
    result[`/exports/${kind}.csv`] = {
      get: {
        ...exported,
        operationId: `export${plural}Csv`,
        summary: `${info.title} as CSV`,
        responses: {
          '200': {
            description: 'RFC 4180 CSV, one row per record; lists in a cell one item per line.',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          '400': errors['400'],
          ...busy,
        },
      },
    };
    result[`/exports/${kind}.json`] = {
      get: {
        ...exported,
        operationId: `export${plural}Json`,
        summary: `${info.title} as JSON`,
        responses: {
          '200': {
            description: 'The licence, how to cite, and `data`: every record.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['kind', 'filters', ...Object.keys(ABOUT), 'data'],
                  properties: {
                    kind: { const: kind },
                    filters: { type: 'object', description: 'The filters the list was exported with.' },
                    ...ABOUT,
                    data: { type: 'array', items: ref(name) },
                  },
                },
              },
            },
          },
          '400': errors['400'],
          ...busy,
        },
      },
    };
  }
  result['/api/v1/archived'] = {
    get: {
      operationId: 'listArchived',
      tags: ['Archived records'],
      summary: 'List the incidents archived now',
      description:
        'The employee actions, contracts, donation responses and statements a reviewer took off the public record, ' +
        'most recently archived first (one brought back is live again and leaves this list). A copy kept by ' +
        'walking the lists or following the feeds does not see a record leave them: this list says which to drop. ' +
        'Each record\u2019s address answers 410 Gone; nothing was deleted. Ask with `since` for those archived since ' +
        'a last visit, a few minutes before it (see the parameter). Pages of up to 100 records; follow `next` until it is null.',
      parameters: queryParameters(archivedParamsSchema),
      responses: {
        '200': { description: 'A page of archived records.', headers, content: json('ArchivedList') },
        '304': errors['304'],
        '400': errors['400'],
        '500': errors['500'],
        '503': errors['503'],
      },
    },
  };
  Object.assign(result, wholeRecordAndFeeds());
  return result;
}

/** The index, the whole record in one file, and the feeds: documented here so that every address is. */
function wholeRecordAndFeeds(): Record<string, JsonSchema> {
  const document = (description: string, schema: JsonSchema, type = 'application/json') => ({
    description,
    content: { [type]: { schema } },
  });
  const slug = (what: string) => ({
    name: 'slug',
    in: 'path',
    required: true,
    description: `The ${what}\u2019s slug, such as ${what === 'company' ? 'salesforce' : 'cbp'}.`,
    schema: { type: 'string', pattern: '^[a-z0-9-]{1,100}$' },
  });
  const feed = (
    operationId: string,
    summary: string,
    parameters: JsonSchema[],
    type: 'atom' | 'json',
    moved: JsonSchema = {},
  ) => ({
    get: {
      operationId,
      tags: ['Feeds'],
      summary,
      parameters,
      description:
        'The 50 records most recently published or changed, latest change first; each entry is dated by its record\u2019s last change and says when the record was first recorded.',
      responses: {
        '200':
          type === 'atom'
            ? document('An Atom 1.0 feed (RFC 4287).', { type: 'string' }, 'application/atom+xml')
            : document('A JSON Feed 1.1.', { type: 'object' }, 'application/feed+json'),
        ...moved,
        '304': errors['304'],
        '400':
          parameters.length > 1
            ? {
                description: 'A query parameter the feed does not take, or a value it cannot read.',
                content: json('Error'),
              }
            : noParameters,
        '404': {
          description:
            'No such feed: no published record has this slug, or the address cannot be one. For another of a company\u2019s or agency\u2019s names (aws, pentagon), the message gives the feed under its slug.',
          content: json('Error'),
        },
        '503': errors['503'],
      },
    },
  });
  const result: Record<string, JsonSchema> = {
    '/api/v1': {
      get: {
        operationId: 'getIndex',
        tags: ['Index'],
        summary: 'Where everything is',
        description:
          'The addresses of this document, the lists, the vocabulary, the archived records, the whole record and the feeds, with the licence.',
        responses: {
          '200': document('The addresses.', ref('Index')),
          '304': errors['304'],
          '400': noParameters,
          '503': errors['503'],
        },
      },
    },
    '/exports/record.json': {
      get: {
        operationId: 'exportRecord',
        tags: ['Exports'],
        summary: 'The whole published record',
        description:
          'The licence (`licence`, `licenceSpdx`, `licenceUrl`), how to cite it, then every kind of record in turn, streamed, and last `merged`: the companies and organizations merged into another (left out of the lists), each with the one it lives on under.',
        responses: {
          '200': document('Every published record, by kind.', {
            type: 'object',
            required: ['title', ...Object.keys(ABOUT), ...KINDS, 'merged'],
            properties: {
              title: { type: 'string' },
              ...ABOUT,
              ...Object.fromEntries(KINDS.map((kind) => [kind, { type: 'array', items: ref(SCHEMA_NAME[kind]) }])),
              merged: {
                type: 'object',
                required: ['companies', 'organizations'],
                additionalProperties: false,
                properties: { companies: mergedList, organizations: mergedList },
              },
            },
          }),
          '400': { description: 'A query parameter was given: the whole record takes none.', content: json('Error') },
          ...busy,
        },
      },
    },
  };
  result['/compare/csv'] = {
    get: {
      operationId: 'compareCompaniesCsv',
      tags: ['Exports'],
      summary: 'A comparison of companies as CSV',
      description:
        'Up to four companies side by side, as /compare shows them (one alone too, as the page shows it until another is added): one row per measure and company (columns group, measure, ' +
        'company, company_slug, value, base, shown, subsidiaries_included, year, unit), then their actions and contract value year by year. ' +
        'A sum of money in several currencies is a row per currency, its ISO 4217 code as the unit (US dollars first); the yearly contract value counts US dollars only. ' +
        'What the page would say around the table is refused here with the reason (400): a company not on record, more than four, none.',
      parameters: queryParameters(comparisonCsvParamsSchema),
      responses: {
        '200': document('RFC 4180 CSV.', { type: 'string' }, 'text/csv'),
        '400': errors['400'],
        '503': errors['503'],
      },
    },
  };
  for (const type of ['atom', 'json'] as const) {
    const suffix = type === 'atom' ? 'Atom' : 'Json';
    result[`/feeds/all.${type}`] = feed(`feedAll${suffix}`, 'Everything newly published', [], type);
    // A merged company's feed moves with its records (app/feeds/companies/[file]/route.ts), which a
    // feed reader follows; its record at /api/v1/companies/{key} answers with `mergedInto` instead.
    const merged = {
      '308': {
        description: `Permanent Redirect, without a body: the company was merged into another, and Location is that one\u2019s feed (/feeds/companies/<its slug>.${type}, with the query asked with).`,
        headers: {
          Location: { description: 'The feed of the company it was merged into.', schema: { type: 'string' } },
          'Cache-Control': headers['Cache-Control'],
          'Access-Control-Allow-Origin': headers['Access-Control-Allow-Origin'],
        },
      },
    };
    result[`/feeds/companies/{slug}.${type}`] = feed(
      `feedCompany${suffix}`,
      'A company\u2019s new records',
      [slug('company'), ...queryParameters(companyFeedParamsSchema)],
      type,
      merged,
    );
    result[`/feeds/agencies/{slug}.${type}`] = feed(
      `feedAgency${suffix}`,
      'New records touching an agency\u2019s contracts',
      [slug('agency')],
      type,
    );
  }
  return result;
}

/** The whole document; `site` is the server's address. */
export function openApiDocument(site: string) {
  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Counterweight open data',
      version: '1.0.0',
      summary: 'Read-only access to the published, cited record of Counterweight.',
      description:
        'Every published company, agency, organization, employee action, government contract, donation response, ' +
        'company statement and source, each record with the sources it cites. No key, no sign-in; read-only: ' +
        'GET, HEAD and OPTIONS (CORS preflight), any other method answered 405 with an `Allow` header. Slugs and ' +
        'codes (`form=strike`, `outcome=MET`) are read in any case, a code with hyphens for its underscores ' +
        '(`outcome=partly-met`), any value without the spaces around it, and a parameter given empty as absent; ' +
        'this document gives each as the records write it, which a client built from it sends. ' +
        `Exports of every list: ${site}/exports/<kind>.csv and .json (same filters); the whole record: ` +
        `${site}/exports/record.json. Documentation: ${site}/api-docs. ${LICENCE.summary}`,
      license: { name: LICENCE.name, identifier: LICENCE.spdx },
    },
    servers: [{ url: site }],
    paths: paths(),
    components: { schemas: componentSchemas() },
  };
}
