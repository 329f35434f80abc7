-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Contact" (
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
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    "deletedBy" TEXT,
    "keysVersion" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Contact" ("company", "companyDomain", "companyKey", "createdAt", "deletedAt", "deletedBy", "email", "emailStatus", "fullName", "id", "linkedinUrl", "location", "nameKey", "nextFollowUpAt", "notes", "ownerId", "phone", "searchText", "title", "updatedAt", "website") SELECT "company", "companyDomain", "companyKey", "createdAt", "deletedAt", "deletedBy", "email", "emailStatus", "fullName", "id", "linkedinUrl", "location", "nameKey", "nextFollowUpAt", "notes", "ownerId", "phone", "searchText", "title", "updatedAt", "website" FROM "Contact";
DROP TABLE "Contact";
ALTER TABLE "new_Contact" RENAME TO "Contact";
CREATE UNIQUE INDEX "Contact_email_key" ON "Contact"("email");
CREATE UNIQUE INDEX "Contact_linkedinUrl_key" ON "Contact"("linkedinUrl");
CREATE INDEX "Contact_nameKey_companyKey_idx" ON "Contact"("nameKey", "companyKey");
CREATE INDEX "Contact_companyKey_idx" ON "Contact"("companyKey");
CREATE INDEX "Contact_ownerId_idx" ON "Contact"("ownerId");
CREATE INDEX "Contact_nextFollowUpAt_idx" ON "Contact"("nextFollowUpAt");
CREATE INDEX "Contact_deletedAt_id_idx" ON "Contact"("deletedAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
