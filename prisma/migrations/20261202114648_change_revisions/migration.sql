-- AlterTable
ALTER TABLE "change_requests" ADD COLUMN     "form" JSONB,
ADD COLUMN     "revised_at" TIMESTAMP(3);
