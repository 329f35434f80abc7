-- CreateEnum
CREATE TYPE "DigestStatus" AS ENUM ('posting', 'posted', 'empty');

-- CreateTable
CREATE TABLE "Digest" (
    "id" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "status" "DigestStatus" NOT NULL DEFAULT 'posting',
    "postedParts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "postedAt" TIMESTAMP(3),

    CONSTRAINT "Digest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Digest_channelId_status_periodStart_idx" ON "Digest"("channelId", "status", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "Digest_channelId_periodStart_key" ON "Digest"("channelId", "periodStart");
