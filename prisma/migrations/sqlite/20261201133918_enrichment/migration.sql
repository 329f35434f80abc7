-- AlterTable
ALTER TABLE "ResearchSource" ADD COLUMN "missingSince" DATETIME;

-- AlterTable
ALTER TABLE "ResearchTask" ADD COLUMN "changes" JSONB;
ALTER TABLE "ResearchTask" ADD COLUMN "contactId" TEXT;
