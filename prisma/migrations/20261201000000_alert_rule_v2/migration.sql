-- Rule version 2 re-evaluates a write's window: the last answering scan before it, and the record-wide
-- facts (diagnoses, antibodies, adverse events, the last cycle and medications before the window) by kind.
CREATE INDEX "Event_patientId_kind_occurredAt_idx" ON "Event"("patientId", "kind", "occurredAt");
