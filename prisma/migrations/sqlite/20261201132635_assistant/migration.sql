-- CreateTable
CREATE TABLE "AssistantTurn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventKey" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "threadTs" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT,
    "model" TEXT,
    "modelCalls" INTEGER NOT NULL DEFAULT 0,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" REAL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AssistantAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tool" TEXT NOT NULL,
    "args" JSONB NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "threadTs" TEXT NOT NULL,
    "messageTs" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "result" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "AssistantTurn_eventKey_key" ON "AssistantTurn"("eventKey");

-- CreateIndex
CREATE INDEX "AssistantTurn_channelId_threadTs_createdAt_idx" ON "AssistantTurn"("channelId", "threadTs", "createdAt");

-- CreateIndex
CREATE INDEX "AssistantAction_requestedBy_createdAt_idx" ON "AssistantAction"("requestedBy", "createdAt");
