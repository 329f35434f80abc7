-- DropIndex
DROP INDEX "Contact_deletedAt_idx";

-- CreateIndex
CREATE INDEX "Contact_deletedAt_id_idx" ON "Contact"("deletedAt", "id");
