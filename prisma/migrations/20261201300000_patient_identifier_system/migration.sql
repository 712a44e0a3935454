-- AlterTable
ALTER TABLE "Patient" ADD COLUMN     "identifierSystem" TEXT;

