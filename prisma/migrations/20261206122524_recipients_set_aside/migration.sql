-- AlterTable
ALTER TABLE "unmatched_recipients" ADD COLUMN     "set_aside_at" TIMESTAMP(3),
ADD COLUMN     "set_aside_by_id" TEXT;
