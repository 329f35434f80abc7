-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fullName" TEXT NOT NULL,
    "title" TEXT,
    "company" TEXT,
    "companyDomain" TEXT,
    "email" TEXT,
    "emailStatus" TEXT NOT NULL DEFAULT 'unknown',
    "phone" TEXT,
    "linkedinUrl" TEXT,
    "location" TEXT,
    "website" TEXT,
    "notes" TEXT,
    "ownerId" TEXT,
    "nextFollowUpAt" DATETIME,
    "nameKey" TEXT NOT NULL,
    "companyKey" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ContactTag" (
    "contactId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("contactId", "tag"),
    CONSTRAINT "ContactTag_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "loggedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Conversation_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResearchSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "taskId" TEXT,
    "url" TEXT NOT NULL,
    "pageTitle" TEXT,
    "quote" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "fetchedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ResearchSource_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ResearchSource_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ResearchTask" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResearchTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "query" TEXT NOT NULL,
    "requestedBy" TEXT,
    "slackChannelId" TEXT,
    "slackThreadTs" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "progressMessage" TEXT,
    "error" TEXT,
    "options" JSONB,
    "model" TEXT,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" REAL,
    "contactsFound" INTEGER NOT NULL DEFAULT 0,
    "contactsNew" INTEGER NOT NULL DEFAULT 0,
    "contactsMerged" INTEGER NOT NULL DEFAULT 0,
    "contactsRejected" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ResearchTaskContact" (
    "taskId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,

    PRIMARY KEY ("taskId", "contactId"),
    CONSTRAINT "ResearchTaskContact_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ResearchTask" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ResearchTaskContact_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Contact_email_key" ON "Contact"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_linkedinUrl_key" ON "Contact"("linkedinUrl");

-- CreateIndex
CREATE INDEX "Contact_nameKey_companyKey_idx" ON "Contact"("nameKey", "companyKey");

-- CreateIndex
CREATE INDEX "Contact_companyKey_idx" ON "Contact"("companyKey");

-- CreateIndex
CREATE INDEX "Contact_ownerId_idx" ON "Contact"("ownerId");

-- CreateIndex
CREATE INDEX "Contact_nextFollowUpAt_idx" ON "Contact"("nextFollowUpAt");

-- CreateIndex
CREATE INDEX "ContactTag_tag_idx" ON "ContactTag"("tag");

-- CreateIndex
CREATE INDEX "Conversation_contactId_occurredAt_idx" ON "Conversation"("contactId", "occurredAt");

-- CreateIndex
CREATE INDEX "ResearchSource_contactId_idx" ON "ResearchSource"("contactId");

-- CreateIndex
CREATE INDEX "ResearchSource_taskId_idx" ON "ResearchSource"("taskId");

-- CreateIndex
CREATE INDEX "ResearchTask_status_createdAt_idx" ON "ResearchTask"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ResearchTaskContact_contactId_idx" ON "ResearchTaskContact"("contactId");
