-- Written by hand: names sort the way people read them ("Accenture", "AT&T", "eBay", "Zoom"),
-- whatever the database's default collation (the embedded cluster's is C, which sorts by code point).
ALTER TABLE "companies" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
ALTER TABLE "agencies" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
ALTER TABLE "organizations" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
