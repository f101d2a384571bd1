-- CreateTable
CREATE TABLE "unmatched_recipients" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "parent_name" TEXT,
    "parent_key" TEXT,
    "rows" INTEGER NOT NULL,
    "permalink" TEXT NOT NULL,
    "perhaps_company_id" TEXT,
    "first_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "unmatched_recipients_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "unmatched_recipients_name_key" ON "unmatched_recipients"("name");

-- CreateIndex
CREATE INDEX "unmatched_recipients_key_idx" ON "unmatched_recipients"("key");

-- CreateIndex
CREATE INDEX "unmatched_recipients_parent_key_idx" ON "unmatched_recipients"("parent_key");

-- AddForeignKey
ALTER TABLE "unmatched_recipients" ADD CONSTRAINT "unmatched_recipients_perhaps_company_id_fkey" FOREIGN KEY ("perhaps_company_id") REFERENCES "companies"("id") ON DELETE SET NULL ON UPDATE CASCADE;
