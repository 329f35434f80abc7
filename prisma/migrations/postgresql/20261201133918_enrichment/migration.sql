-- AlterTable
ALTER TABLE "ResearchSource" ADD COLUMN     "missingSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ResearchTask" ADD COLUMN     "changes" JSONB,
ADD COLUMN     "contactId" TEXT;
