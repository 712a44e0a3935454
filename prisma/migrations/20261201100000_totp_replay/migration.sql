-- AlterTable
ALTER TABLE "user" ADD COLUMN     "totpLastStep" INTEGER;

