-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "keysVersion" INTEGER NOT NULL DEFAULT 0;
