-- AlterTable
ALTER TABLE "government_contracts" ADD COLUMN     "status_recorded_at" DATE;
