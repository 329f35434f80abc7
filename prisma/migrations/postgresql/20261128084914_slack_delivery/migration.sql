-- AlterTable
ALTER TABLE "ResearchTask" ADD COLUMN     "slackDeliveredAt" TIMESTAMP(3),
ADD COLUMN     "slackDeliveryError" TEXT,
ADD COLUMN     "slackDeliveryLeaseUntil" TIMESTAMP(3),
ADD COLUMN     "slackPostedParts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "slackProgressTs" TEXT;

-- CreateIndex
CREATE INDEX "ResearchTask_slackDeliveredAt_status_idx" ON "ResearchTask"("slackDeliveredAt", "status");
