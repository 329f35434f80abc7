-- AlterTable
ALTER TABLE "ResearchTask" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "workerId" TEXT;

-- CreateIndex
CREATE INDEX "ResearchTask_status_leaseExpiresAt_idx" ON "ResearchTask"("status", "leaseExpiresAt");
