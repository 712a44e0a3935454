-- The screening plan as last evaluated, with the alert-settings version it used: a patient page reads
-- it instead of computing the plan from the record at every read (until the day it marks, a write that
-- can change it, or new settings). NULL: not stored yet, evaluated at the next read.
ALTER TABLE "ScreeningCheck" ADD COLUMN "plan" JSONB;
ALTER TABLE "ScreeningCheck" ADD COLUMN "settingsVersion" INTEGER;
