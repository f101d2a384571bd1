-- Written by hand: contracts listed by title (those without the date or value sorted by, ties) sort
-- the way people read them, as names do (20261127190500_natural_name_order): "aws hosting" between
-- "Analytics" and "Cloud services", not after every title in capitals (the C collation's order).
ALTER TABLE "government_contracts" ALTER COLUMN "title" TYPE TEXT COLLATE "und-x-icu";
