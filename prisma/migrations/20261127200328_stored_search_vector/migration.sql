-- Written by hand: a stored, generated search vector, so that full-text search ranks matches
-- without recomputing to_tsvector for each row (the expression index of the first migration
-- found the rows but every rank recomputed the vector). Prisma's schema names the column as
-- Unsupported("tsvector") and PostgreSQL keeps it up to date.
ALTER TABLE "employee_actions" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english', "title" || ' ' || "description")) STORED;
CREATE INDEX "employee_actions_search_vector_idx" ON "employee_actions" USING gin ("search_vector");
DROP INDEX "employee_actions_fts_idx";
