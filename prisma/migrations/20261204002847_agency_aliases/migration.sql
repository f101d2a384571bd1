-- An agency's other names ("Pentagon" for the Department of Defense), which search finds it by.
ALTER TABLE "agencies" ADD COLUMN     "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Written by hand (Prisma cannot express expression indexes or operator classes): search looks the
-- other names up as one lower-case text, through a trigram index, as it does names (word similarity
-- and LIKE both use it). array_to_string is only STABLE (it calls the element type's output
-- function), which an index cannot use, though for text[] it is immutable: hence the wrapper, which the
-- planner keeps as it is (never inlined), so that the index and the queries name the same expression.
CREATE FUNCTION "agency_other_names"(names TEXT[]) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(array_to_string(names, ' | ')) $$;
CREATE INDEX "agencies_other_names_trgm_idx" ON "agencies" USING gin ("agency_other_names"("aliases") gin_trgm_ops);
