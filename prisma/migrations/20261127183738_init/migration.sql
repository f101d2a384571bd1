-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('EDITOR', 'REVIEWER', 'ADMIN');

-- CreateEnum
CREATE TYPE "PublicationStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'REJECTED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "AgencyLevel" AS ENUM ('FEDERAL', 'STATE', 'LOCAL', 'FOREIGN', 'INTERNATIONAL');

-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('NGO', 'LEGAL_AID', 'WORKER_GROUP', 'CAMPAIGN', 'UNIVERSITY', 'CONFERENCE', 'MEDIA', 'OTHER');

-- CreateEnum
CREATE TYPE "ContractStatus" AS ENUM ('ACTIVE', 'COMPLETED', 'CANCELLED', 'NOT_RENEWED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "ActionOutcome" AS ENUM ('PENDING', 'MET', 'PARTLY_MET', 'NOT_MET', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "DonationResponseKind" AS ENUM ('REJECTED', 'RETURNED', 'ACCEPTED', 'REDIRECTED', 'DONATED');

-- CreateEnum
CREATE TYPE "StatementKind" AS ENUM ('STATEMENT', 'DECLINED_TO_COMMENT', 'CANCELLED_OR_NOT_RENEWED', 'RETALIATION');

-- CreateEnum
CREATE TYPE "VocabularyKind" AS ENUM ('ACTION_FORM', 'ISSUE', 'TAG', 'EMPLOYMENT_TYPE');

-- CreateEnum
CREATE TYPE "RecordType" AS ENUM ('COMPANY', 'AGENCY', 'ORGANIZATION', 'CONTRACT', 'EMPLOYEE_ACTION', 'DONATION_RESPONSE', 'COMPANY_STATEMENT', 'SOURCE', 'VOCABULARY_TERM', 'USER');

-- CreateEnum
CREATE TYPE "RevisionKind" AS ENUM ('CREATE', 'UPDATE', 'SUBMIT', 'PUBLISH', 'REJECT', 'ARCHIVE', 'RESTORE', 'REVERT', 'MERGE', 'IMPORT');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "Role" NOT NULL DEFAULT 'EDITOR',
    "disabled_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "companies" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sector" TEXT,
    "hq_country" CHAR(2),
    "website" TEXT,
    "ticker" TEXT,
    "description" TEXT,
    "parent_id" TEXT,
    "merged_into_id" TEXT,
    "status" "PublicationStatus" NOT NULL DEFAULT 'IN_REVIEW',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "companies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "company_aliases" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "company_aliases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agencies" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "acronym" TEXT,
    "parent_id" TEXT,
    "country" CHAR(2) NOT NULL DEFAULT 'US',
    "level" "AgencyLevel" NOT NULL DEFAULT 'FEDERAL',
    "website" TEXT,
    "status" "PublicationStatus" NOT NULL DEFAULT 'IN_REVIEW',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "agencies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organizations" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "acronym" TEXT,
    "kind" "OrganizationKind" NOT NULL DEFAULT 'OTHER',
    "country" CHAR(2),
    "website" TEXT,
    "description" TEXT,
    "merged_into_id" TEXT,
    "status" "PublicationStatus" NOT NULL DEFAULT 'IN_REVIEW',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "government_contracts" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "sub_agency_id" TEXT,
    "title" TEXT NOT NULL,
    "purpose" TEXT,
    "piid" TEXT,
    "award_key" TEXT,
    "obligated_amount" DECIMAL(18,2),
    "potential_amount" DECIMAL(18,2),
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "award_date" DATE,
    "award_date_precision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "period_start" DATE,
    "period_end" DATE,
    "contract_status" "ContractStatus" NOT NULL DEFAULT 'UNKNOWN',
    "status_changed_at" DATE,
    "status_changed_precision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "status" "PublicationStatus" NOT NULL DEFAULT 'IN_REVIEW',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "government_contracts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employee_actions" (
    "id" TEXT NOT NULL,
    "external_source" TEXT,
    "external_id" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "date_precision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "participants_min" INTEGER,
    "participants_max" INTEGER,
    "participants_text" TEXT,
    "demands" TEXT,
    "outcome" "ActionOutcome" NOT NULL DEFAULT 'UNKNOWN',
    "outcome_date" DATE,
    "outcome_precision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "outcome_note" TEXT,
    "online" BOOLEAN,
    "status" "PublicationStatus" NOT NULL DEFAULT 'IN_REVIEW',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "employee_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employee_action_companies" (
    "action_id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,

    CONSTRAINT "employee_action_companies_pkey" PRIMARY KEY ("action_id","company_id")
);

-- CreateTable
CREATE TABLE "employee_action_contracts" (
    "action_id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,

    CONSTRAINT "employee_action_contracts_pkey" PRIMARY KEY ("action_id","contract_id")
);

-- CreateTable
CREATE TABLE "employee_action_organizations" (
    "action_id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,

    CONSTRAINT "employee_action_organizations_pkey" PRIMARY KEY ("action_id","organization_id")
);

-- CreateTable
CREATE TABLE "employee_action_terms" (
    "action_id" TEXT NOT NULL,
    "term_id" TEXT NOT NULL,

    CONSTRAINT "employee_action_terms_pkey" PRIMARY KEY ("action_id","term_id")
);

-- CreateTable
CREATE TABLE "action_locations" (
    "id" TEXT NOT NULL,
    "action_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "city" TEXT,
    "region" TEXT,
    "country" CHAR(2),
    "label" TEXT NOT NULL,

    CONSTRAINT "action_locations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "donation_responses" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "organization_id" TEXT,
    "date" DATE,
    "date_precision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "amount" DECIMAL(18,2),
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "amount_undisclosed" BOOLEAN NOT NULL DEFAULT false,
    "response" "DonationResponseKind" NOT NULL,
    "reason" TEXT,
    "quote" TEXT,
    "quote_attribution" TEXT,
    "status" "PublicationStatus" NOT NULL DEFAULT 'IN_REVIEW',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "donation_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "donation_response_contracts" (
    "donation_response_id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,

    CONSTRAINT "donation_response_contracts_pkey" PRIMARY KEY ("donation_response_id","contract_id")
);

-- CreateTable
CREATE TABLE "company_statements" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "date_precision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "kind" "StatementKind" NOT NULL,
    "summary" TEXT NOT NULL,
    "quote" TEXT,
    "speaker" TEXT,
    "action_id" TEXT,
    "contract_id" TEXT,
    "donation_response_id" TEXT,
    "status" "PublicationStatus" NOT NULL DEFAULT 'IN_REVIEW',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "company_statements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sources" (
    "id" TEXT NOT NULL,
    "url" TEXT,
    "publisher" TEXT,
    "title" TEXT,
    "published_at" DATE,
    "published_precision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "archive_url" TEXT,
    "excerpt" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "company_sources" (
    "company_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,

    CONSTRAINT "company_sources_pkey" PRIMARY KEY ("company_id","source_id")
);

-- CreateTable
CREATE TABLE "agency_sources" (
    "agency_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,

    CONSTRAINT "agency_sources_pkey" PRIMARY KEY ("agency_id","source_id")
);

-- CreateTable
CREATE TABLE "organization_sources" (
    "organization_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,

    CONSTRAINT "organization_sources_pkey" PRIMARY KEY ("organization_id","source_id")
);

-- CreateTable
CREATE TABLE "contract_sources" (
    "contract_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,

    CONSTRAINT "contract_sources_pkey" PRIMARY KEY ("contract_id","source_id")
);

-- CreateTable
CREATE TABLE "employee_action_sources" (
    "action_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,

    CONSTRAINT "employee_action_sources_pkey" PRIMARY KEY ("action_id","source_id")
);

-- CreateTable
CREATE TABLE "donation_response_sources" (
    "donation_response_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,

    CONSTRAINT "donation_response_sources_pkey" PRIMARY KEY ("donation_response_id","source_id")
);

-- CreateTable
CREATE TABLE "company_statement_sources" (
    "statement_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,

    CONSTRAINT "company_statement_sources_pkey" PRIMARY KEY ("statement_id","source_id")
);

-- CreateTable
CREATE TABLE "vocabulary_terms" (
    "id" TEXT NOT NULL,
    "kind" "VocabularyKind" NOT NULL,
    "slug" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT,
    "merged_into_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vocabulary_terms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vocabulary_aliases" (
    "id" TEXT NOT NULL,
    "kind" "VocabularyKind" NOT NULL,
    "key" TEXT NOT NULL,
    "term_id" TEXT NOT NULL,

    CONSTRAINT "vocabulary_aliases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revisions" (
    "id" TEXT NOT NULL,
    "record_type" "RecordType" NOT NULL,
    "record_id" TEXT NOT NULL,
    "kind" "RevisionKind" NOT NULL,
    "user_id" TEXT,
    "actor" TEXT,
    "reason" TEXT,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "companies_slug_key" ON "companies"("slug");

-- CreateIndex
CREATE INDEX "companies_parent_id_idx" ON "companies"("parent_id");

-- CreateIndex
CREATE INDEX "companies_status_name_idx" ON "companies"("status", "name");

-- CreateIndex
CREATE UNIQUE INDEX "company_aliases_key_key" ON "company_aliases"("key");

-- CreateIndex
CREATE INDEX "company_aliases_company_id_idx" ON "company_aliases"("company_id");

-- CreateIndex
CREATE UNIQUE INDEX "agencies_slug_key" ON "agencies"("slug");

-- CreateIndex
CREATE INDEX "agencies_parent_id_idx" ON "agencies"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "government_contracts_award_key_key" ON "government_contracts"("award_key");

-- CreateIndex
CREATE INDEX "government_contracts_company_id_award_date_idx" ON "government_contracts"("company_id", "award_date");

-- CreateIndex
CREATE INDEX "government_contracts_agency_id_idx" ON "government_contracts"("agency_id");

-- CreateIndex
CREATE INDEX "government_contracts_sub_agency_id_idx" ON "government_contracts"("sub_agency_id");

-- CreateIndex
CREATE INDEX "employee_actions_status_start_date_idx" ON "employee_actions"("status", "start_date");

-- CreateIndex
CREATE UNIQUE INDEX "employee_actions_external_source_external_id_key" ON "employee_actions"("external_source", "external_id");

-- CreateIndex
CREATE INDEX "employee_action_companies_company_id_idx" ON "employee_action_companies"("company_id");

-- CreateIndex
CREATE INDEX "employee_action_contracts_contract_id_idx" ON "employee_action_contracts"("contract_id");

-- CreateIndex
CREATE INDEX "employee_action_organizations_organization_id_idx" ON "employee_action_organizations"("organization_id");

-- CreateIndex
CREATE INDEX "employee_action_terms_term_id_idx" ON "employee_action_terms"("term_id");

-- CreateIndex
CREATE INDEX "action_locations_action_id_idx" ON "action_locations"("action_id");

-- CreateIndex
CREATE INDEX "action_locations_country_idx" ON "action_locations"("country");

-- CreateIndex
CREATE INDEX "donation_responses_company_id_date_idx" ON "donation_responses"("company_id", "date");

-- CreateIndex
CREATE INDEX "donation_responses_organization_id_idx" ON "donation_responses"("organization_id");

-- CreateIndex
CREATE INDEX "donation_response_contracts_contract_id_idx" ON "donation_response_contracts"("contract_id");

-- CreateIndex
CREATE INDEX "company_statements_company_id_date_idx" ON "company_statements"("company_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "sources_url_key" ON "sources"("url");

-- CreateIndex
CREATE INDEX "company_sources_source_id_idx" ON "company_sources"("source_id");

-- CreateIndex
CREATE INDEX "agency_sources_source_id_idx" ON "agency_sources"("source_id");

-- CreateIndex
CREATE INDEX "organization_sources_source_id_idx" ON "organization_sources"("source_id");

-- CreateIndex
CREATE INDEX "contract_sources_source_id_idx" ON "contract_sources"("source_id");

-- CreateIndex
CREATE INDEX "employee_action_sources_source_id_idx" ON "employee_action_sources"("source_id");

-- CreateIndex
CREATE INDEX "donation_response_sources_source_id_idx" ON "donation_response_sources"("source_id");

-- CreateIndex
CREATE INDEX "company_statement_sources_source_id_idx" ON "company_statement_sources"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "vocabulary_terms_kind_slug_key" ON "vocabulary_terms"("kind", "slug");

-- CreateIndex
CREATE INDEX "vocabulary_aliases_term_id_idx" ON "vocabulary_aliases"("term_id");

-- CreateIndex
CREATE UNIQUE INDEX "vocabulary_aliases_kind_key_key" ON "vocabulary_aliases"("kind", "key");

-- CreateIndex
CREATE INDEX "revisions_record_type_record_id_created_at_idx" ON "revisions"("record_type", "record_id", "created_at");

-- CreateIndex
CREATE INDEX "revisions_user_id_idx" ON "revisions"("user_id");

-- AddForeignKey
ALTER TABLE "companies" ADD CONSTRAINT "companies_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "companies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "companies" ADD CONSTRAINT "companies_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "companies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_aliases" ADD CONSTRAINT "company_aliases_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "agencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "government_contracts" ADD CONSTRAINT "government_contracts_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "government_contracts" ADD CONSTRAINT "government_contracts_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "government_contracts" ADD CONSTRAINT "government_contracts_sub_agency_id_fkey" FOREIGN KEY ("sub_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee_action_companies" ADD CONSTRAINT "employee_action_companies_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "employee_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee_action_companies" ADD CONSTRAINT "employee_action_companies_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee_action_contracts" ADD CONSTRAINT "employee_action_contracts_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "employee_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee_action_contracts" ADD CONSTRAINT "employee_action_contracts_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "government_contracts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee_action_organizations" ADD CONSTRAINT "employee_action_organizations_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "employee_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee_action_organizations" ADD CONSTRAINT "employee_action_organizations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee_action_terms" ADD CONSTRAINT "employee_action_terms_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "employee_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee_action_terms" ADD CONSTRAINT "employee_action_terms_term_id_fkey" FOREIGN KEY ("term_id") REFERENCES "vocabulary_terms"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "action_locations" ADD CONSTRAINT "action_locations_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "employee_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "donation_responses" ADD CONSTRAINT "donation_responses_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "donation_responses" ADD CONSTRAINT "donation_responses_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "donation_response_contracts" ADD CONSTRAINT "donation_response_contracts_donation_response_id_fkey" FOREIGN KEY ("donation_response_id") REFERENCES "donation_responses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "donation_response_contracts" ADD CONSTRAINT "donation_response_contracts_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "government_contracts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_statements" ADD CONSTRAINT "company_statements_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_statements" ADD CONSTRAINT "company_statements_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "employee_actions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_statements" ADD CONSTRAINT "company_statements_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "government_contracts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_statements" ADD CONSTRAINT "company_statements_donation_response_id_fkey" FOREIGN KEY ("donation_response_id") REFERENCES "donation_responses"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_sources" ADD CONSTRAINT "company_sources_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_sources" ADD CONSTRAINT "company_sources_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agency_sources" ADD CONSTRAINT "agency_sources_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agency_sources" ADD CONSTRAINT "agency_sources_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organization_sources" ADD CONSTRAINT "organization_sources_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organization_sources" ADD CONSTRAINT "organization_sources_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_sources" ADD CONSTRAINT "contract_sources_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "government_contracts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_sources" ADD CONSTRAINT "contract_sources_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee_action_sources" ADD CONSTRAINT "employee_action_sources_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "employee_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee_action_sources" ADD CONSTRAINT "employee_action_sources_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "donation_response_sources" ADD CONSTRAINT "donation_response_sources_donation_response_id_fkey" FOREIGN KEY ("donation_response_id") REFERENCES "donation_responses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "donation_response_sources" ADD CONSTRAINT "donation_response_sources_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_statement_sources" ADD CONSTRAINT "company_statement_sources_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "company_statements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_statement_sources" ADD CONSTRAINT "company_statement_sources_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vocabulary_terms" ADD CONSTRAINT "vocabulary_terms_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "vocabulary_terms"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vocabulary_aliases" ADD CONSTRAINT "vocabulary_aliases_term_id_fkey" FOREIGN KEY ("term_id") REFERENCES "vocabulary_terms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Written by hand: what the Prisma schema cannot express.
-- ---------------------------------------------------------------------------------------------

-- Typo-tolerant name search ("salesfroce" finds Salesforce).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "companies_name_trgm_idx" ON "companies" USING gin (lower("name") gin_trgm_ops);
CREATE INDEX "company_aliases_key_trgm_idx" ON "company_aliases" USING gin ("key" gin_trgm_ops);
CREATE INDEX "organizations_name_trgm_idx" ON "organizations" USING gin (lower("name") gin_trgm_ops);
CREATE INDEX "agencies_name_trgm_idx" ON "agencies" USING gin (lower("name") gin_trgm_ops);

-- Full-text search over titles and descriptions. Queries must use the same expressions.
CREATE INDEX "employee_actions_fts_idx" ON "employee_actions"
  USING gin (to_tsvector('english', "title" || ' ' || "description"));
CREATE INDEX "government_contracts_fts_idx" ON "government_contracts"
  USING gin (to_tsvector('english', "title" || ' ' || coalesce("purpose", '')));
CREATE INDEX "donation_responses_fts_idx" ON "donation_responses"
  USING gin (to_tsvector('english', coalesce("reason", '') || ' ' || coalesce("quote", '')));
CREATE INDEX "company_statements_fts_idx" ON "company_statements"
  USING gin (to_tsvector('english', "summary" || ' ' || coalesce("quote", '')));

-- A source without a url must be a full citation.
ALTER TABLE "sources" ADD CONSTRAINT "sources_url_or_full_citation"
  CHECK ("url" IS NOT NULL OR ("publisher" IS NOT NULL AND "title" IS NOT NULL AND "published_at" IS NOT NULL));

-- Money is never negative and always has an ISO 4217 code.
ALTER TABLE "government_contracts" ADD CONSTRAINT "government_contracts_amounts_non_negative"
  CHECK (("obligated_amount" IS NULL OR "obligated_amount" >= 0) AND ("potential_amount" IS NULL OR "potential_amount" >= 0));
ALTER TABLE "government_contracts" ADD CONSTRAINT "government_contracts_currency_code"
  CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "government_contracts" ADD CONSTRAINT "government_contracts_period_order"
  CHECK ("period_start" IS NULL OR "period_end" IS NULL OR "period_start" <= "period_end");
ALTER TABLE "donation_responses" ADD CONSTRAINT "donation_responses_amount_non_negative"
  CHECK ("amount" IS NULL OR "amount" >= 0);
ALTER TABLE "donation_responses" ADD CONSTRAINT "donation_responses_currency_code"
  CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "donation_responses" ADD CONSTRAINT "donation_responses_undisclosed_has_no_amount"
  CHECK (NOT ("amount_undisclosed" AND "amount" IS NOT NULL));

-- Participants: a number (min = max), a range (min <= max), or unknown.
ALTER TABLE "employee_actions" ADD CONSTRAINT "employee_actions_participants_range"
  CHECK (("participants_min" IS NULL OR "participants_min" >= 0)
     AND ("participants_max" IS NULL OR "participants_max" >= 0)
     AND ("participants_min" IS NULL OR "participants_max" IS NULL OR "participants_min" <= "participants_max"));

-- A company cannot be its own parent, nor merged into itself.
ALTER TABLE "companies" ADD CONSTRAINT "companies_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "id");
ALTER TABLE "companies" ADD CONSTRAINT "companies_not_merged_into_self" CHECK ("merged_into_id" IS NULL OR "merged_into_id" <> "id");
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "id");
