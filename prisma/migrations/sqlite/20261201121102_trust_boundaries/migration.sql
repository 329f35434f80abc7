-- AlterTable
ALTER TABLE "Contact" ADD COLUMN "deletedAt" DATETIME;
ALTER TABLE "Contact" ADD COLUMN "deletedBy" TEXT;

-- CreateTable
CREATE TABLE "ContactChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "field" TEXT,
    "before" TEXT,
    "after" TEXT
);

-- CreateTable
CREATE TABLE "SlackRequestSeen" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "seenAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ContactChange_contactId_id_idx" ON "ContactChange"("contactId", "id");

-- CreateIndex
CREATE INDEX "SlackRequestSeen_seenAt_idx" ON "SlackRequestSeen"("seenAt");

-- CreateIndex
CREATE INDEX "Contact_deletedAt_idx" ON "Contact"("deletedAt");
