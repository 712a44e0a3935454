-- The chart overview keeps fewer of the labs no lane shows (lib/timeline/chart-digest.ts): the stored
-- digests and overviews were made under the old rule. They are caches; each is rebuilt from the record
-- at the patient's next read or write (lib/patients/timeline-chart.ts).
DELETE FROM "ChartOverview";
DELETE FROM "ChartMonth";
