-- AlterTable
ALTER TABLE "ResearchSource" ADD COLUMN "agreeingSites" INTEGER;
ALTER TABLE "ResearchSource" ADD COLUMN "authority" TEXT;

-- AlterTable
ALTER TABLE "ResearchTask" ADD COLUMN "verificationRejections" JSONB;
