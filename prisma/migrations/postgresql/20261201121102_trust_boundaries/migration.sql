-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "deletedBy" TEXT;

-- CreateTable
CREATE TABLE "ContactChange" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "field" TEXT,
    "before" TEXT,
    "after" TEXT,

    CONSTRAINT "ContactChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlackRequestSeen" (
    "key" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackRequestSeen_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ContactChange_contactId_id_idx" ON "ContactChange"("contactId", "id");

-- CreateIndex
CREATE INDEX "SlackRequestSeen_seenAt_idx" ON "SlackRequestSeen"("seenAt");

-- CreateIndex
CREATE INDEX "Contact_deletedAt_idx" ON "Contact"("deletedAt");
