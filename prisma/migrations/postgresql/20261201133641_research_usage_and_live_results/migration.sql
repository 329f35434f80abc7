-- AlterTable
ALTER TABLE "ResearchTask" ADD COLUMN     "cachedPromptTokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "modelCalls" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "searchCalls" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "searchCostUsd" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "ResearchTaskContact" ADD COLUMN     "slackPostedAt" TIMESTAMP(3);
