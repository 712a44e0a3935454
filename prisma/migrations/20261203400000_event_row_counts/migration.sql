-- How many event rows each patient's record holds, and how many of them are current and valid, kept by
-- the database itself at every insert, update or delete of events (statement triggers with transition
-- tables, so a bulk load of 20 000 rows is one update here, not 20 000). The stored chart overview and
-- timeline cache compare their stamp with `rows` (a bulk load adds rows without going through a service
-- write), and the event list's total is `valid`: reading them is one primary-key lookup, where counting a
-- 20 000-event record took 16 ms at every page read on PGlite.
CREATE TABLE "EventRowCount" (
    "patientId" UUID NOT NULL,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "valid" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "EventRowCount_pkey" PRIMARY KEY ("patientId")
);
ALTER TABLE "EventRowCount" ADD CONSTRAINT "EventRowCount_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "EventRowCount" ("patientId", "rows", "valid")
SELECT "patientId", count(*)::int, (count(*) FILTER (WHERE "current" AND "status" <> 'entered_in_error'))::int
  FROM "Event" GROUP BY "patientId";

CREATE FUNCTION event_row_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "EventRowCount" ("patientId", "rows", "valid")
  SELECT n."patientId", count(*)::int, (count(*) FILTER (WHERE n."current" AND n."status" <> 'entered_in_error'))::int
    FROM added n GROUP BY n."patientId"
  ON CONFLICT ("patientId") DO UPDATE SET "rows" = "EventRowCount"."rows" + excluded."rows", "valid" = "EventRowCount"."valid" + excluded."valid";
  RETURN NULL;
END $$;
CREATE TRIGGER event_row_count_insert AFTER INSERT ON "Event" REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION event_row_count_insert();

-- An amendment makes the version it replaces not current; marking entered in error changes status.
CREATE FUNCTION event_row_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "EventRowCount" ("patientId", "rows", "valid")
  SELECT d."patientId", sum(d.rows)::int, sum(d.valid)::int FROM (
      SELECT n."patientId", 1 AS rows, CASE WHEN n."current" AND n."status" <> 'entered_in_error' THEN 1 ELSE 0 END AS valid FROM after_rows n
      UNION ALL
      SELECT o."patientId", -1, CASE WHEN o."current" AND o."status" <> 'entered_in_error' THEN -1 ELSE 0 END FROM before_rows o
    ) d GROUP BY d."patientId"
  ON CONFLICT ("patientId") DO UPDATE SET "rows" = "EventRowCount"."rows" + excluded."rows", "valid" = "EventRowCount"."valid" + excluded."valid";
  RETURN NULL;
END $$;
CREATE TRIGGER event_row_count_update AFTER UPDATE ON "Event" REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION event_row_count_update();

CREATE FUNCTION event_row_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "EventRowCount" c SET "rows" = c."rows" - d.rows, "valid" = c."valid" - d.valid
    FROM (SELECT o."patientId", count(*)::int AS rows, (count(*) FILTER (WHERE o."current" AND o."status" <> 'entered_in_error'))::int AS valid
            FROM removed o GROUP BY o."patientId") d
   WHERE c."patientId" = d."patientId";
  RETURN NULL;
END $$;
CREATE TRIGGER event_row_count_delete AFTER DELETE ON "Event" REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION event_row_count_delete();

-- The stored overview and timeline are large JSON texts written at every write and read whole: kept
-- uncompressed (PostgreSQL's pglz took half of the time of a 640 kB overview's update on PGlite).
ALTER TABLE "ChartOverview" ALTER COLUMN "model" SET STORAGE EXTERNAL;
ALTER TABLE "TimelineCache" ALTER COLUMN "events" SET STORAGE EXTERNAL;
