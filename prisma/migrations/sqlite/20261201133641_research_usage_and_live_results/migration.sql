-- AlterTable
ALTER TABLE "ResearchTaskContact" ADD COLUMN "slackPostedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ResearchTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "query" TEXT NOT NULL,
    "requestedBy" TEXT,
    "slackChannelId" TEXT,
    "slackThreadTs" TEXT,
    "slackProgressTs" TEXT,
    "slackPostedParts" INTEGER NOT NULL DEFAULT 0,
    "slackDeliveredAt" DATETIME,
    "slackDeliveryLeaseUntil" DATETIME,
    "slackDeliveryError" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "progressMessage" TEXT,
    "error" TEXT,
    "options" JSONB,
    "model" TEXT,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "cachedPromptTokens" INTEGER NOT NULL DEFAULT 0,
    "modelCalls" INTEGER NOT NULL DEFAULT 0,
    "searchCalls" INTEGER NOT NULL DEFAULT 0,
    "searchCostUsd" REAL,
    "costUsd" REAL,
    "contactsFound" INTEGER NOT NULL DEFAULT 0,
    "contactsNew" INTEGER NOT NULL DEFAULT 0,
    "contactsMerged" INTEGER NOT NULL DEFAULT 0,
    "contactsRejected" INTEGER NOT NULL DEFAULT 0,
    "workerId" TEXT,
    "leaseExpiresAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ResearchTask" ("attempts", "completionTokens", "contactsFound", "contactsMerged", "contactsNew", "contactsRejected", "costUsd", "createdAt", "error", "finishedAt", "id", "leaseExpiresAt", "model", "options", "progress", "progressMessage", "promptTokens", "query", "requestedBy", "slackChannelId", "slackDeliveredAt", "slackDeliveryError", "slackDeliveryLeaseUntil", "slackPostedParts", "slackProgressTs", "slackThreadTs", "startedAt", "status", "updatedAt", "workerId") SELECT "attempts", "completionTokens", "contactsFound", "contactsMerged", "contactsNew", "contactsRejected", "costUsd", "createdAt", "error", "finishedAt", "id", "leaseExpiresAt", "model", "options", "progress", "progressMessage", "promptTokens", "query", "requestedBy", "slackChannelId", "slackDeliveredAt", "slackDeliveryError", "slackDeliveryLeaseUntil", "slackPostedParts", "slackProgressTs", "slackThreadTs", "startedAt", "status", "updatedAt", "workerId" FROM "ResearchTask";
DROP TABLE "ResearchTask";
ALTER TABLE "new_ResearchTask" RENAME TO "ResearchTask";
CREATE INDEX "ResearchTask_status_createdAt_idx" ON "ResearchTask"("status", "createdAt");
CREATE INDEX "ResearchTask_status_leaseExpiresAt_idx" ON "ResearchTask"("status", "leaseExpiresAt");
CREATE INDEX "ResearchTask_slackDeliveredAt_status_idx" ON "ResearchTask"("slackDeliveredAt", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
