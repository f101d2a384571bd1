-- AlterTable
ALTER TABLE "unmatched_recipients" ADD COLUMN     "perhaps_by_parent" BOOLEAN NOT NULL DEFAULT false;
