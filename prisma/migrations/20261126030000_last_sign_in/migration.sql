-- AlterTable
ALTER TABLE "user" ADD COLUMN     "lastSignInAt" TIMESTAMPTZ(3);

