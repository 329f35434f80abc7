-- AlterTable
ALTER TABLE "ResearchSource" ADD COLUMN     "agreeingSites" INTEGER,
ADD COLUMN     "authority" TEXT;

-- AlterTable
ALTER TABLE "ResearchTask" ADD COLUMN     "verificationRejections" JSONB;
