-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('found', 'guessed', 'verified', 'unknown');

-- CreateEnum
CREATE TYPE "ConversationKind" AS ENUM ('email', 'call', 'meeting', 'slack', 'note');

-- CreateEnum
CREATE TYPE "ResearchTaskStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "ResearchOutcome" AS ENUM ('new', 'merged');

-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "title" TEXT,
    "company" TEXT,
    "companyDomain" TEXT,
    "email" TEXT,
    "emailStatus" "EmailStatus" NOT NULL DEFAULT 'unknown',
    "phone" TEXT,
    "linkedinUrl" TEXT,
    "location" TEXT,
    "website" TEXT,
    "notes" TEXT,
    "ownerId" TEXT,
    "nextFollowUpAt" TIMESTAMP(3),
    "nameKey" TEXT NOT NULL,
    "companyKey" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactTag" (
    "contactId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    CONSTRAINT "ContactTag_pkey" PRIMARY KEY ("contactId","tag")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "kind" "ConversationKind" NOT NULL,
    "subject" TEXT,
    "body" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "loggedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResearchSource" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "taskId" TEXT,
    "url" TEXT NOT NULL,
    "pageTitle" TEXT,
    "quote" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResearchSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResearchTask" (
    "id" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "requestedBy" TEXT,
    "slackChannelId" TEXT,
    "slackThreadTs" TEXT,
    "status" "ResearchTaskStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "progressMessage" TEXT,
    "error" TEXT,
    "options" JSONB,
    "model" TEXT,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION,
    "contactsFound" INTEGER NOT NULL DEFAULT 0,
    "contactsNew" INTEGER NOT NULL DEFAULT 0,
    "contactsMerged" INTEGER NOT NULL DEFAULT 0,
    "contactsRejected" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResearchTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResearchTaskContact" (
    "taskId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "outcome" "ResearchOutcome" NOT NULL,

    CONSTRAINT "ResearchTaskContact_pkey" PRIMARY KEY ("taskId","contactId")
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
CREATE INDEX "Contact_searchText_idx" ON "Contact" USING GIN ("searchText" gin_trgm_ops);

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

-- AddForeignKey
ALTER TABLE "ContactTag" ADD CONSTRAINT "ContactTag_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResearchSource" ADD CONSTRAINT "ResearchSource_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResearchSource" ADD CONSTRAINT "ResearchSource_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ResearchTask"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResearchTaskContact" ADD CONSTRAINT "ResearchTaskContact_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ResearchTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResearchTaskContact" ADD CONSTRAINT "ResearchTaskContact_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
