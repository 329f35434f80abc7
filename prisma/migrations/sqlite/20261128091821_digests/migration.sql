-- CreateTable
CREATE TABLE "Digest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'posting',
    "postedParts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "leaseUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "postedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Digest_channelId_status_periodStart_idx" ON "Digest"("channelId", "status", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "Digest_channelId_periodStart_key" ON "Digest"("channelId", "periodStart");
