-- A recipient waiting for a company whose rows' contracts are on record already (an earlier import
-- stored them under a name the file no longer gives, or an alias since removed): how many, and
-- whether the hint is the company holding them.
ALTER TABLE "unmatched_recipients" ADD COLUMN "stored_rows" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "perhaps_holds" BOOLEAN NOT NULL DEFAULT false;
