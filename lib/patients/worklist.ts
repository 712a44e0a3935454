import "server-only";
import { z } from "zod";
import { addDays, daysBetween, fieldErrorsOf, replaceUnsafeText, todayIn, unsafeTextProblem, type ClinicalDate } from "@/lib/events";
import { actorRead } from "@/lib/service";
import { clinicToday } from "./clinic";
import { clinicTimeZone } from "./clinic";
import type { ServiceContext } from "./context";
import { invalid, ok, type Result } from "./result";

/**
 * The worklist: the actor's patients, one page at a time, sorted and filtered on the summary columns
 * (PatientSummary, lib/patients/summary.ts) with keyset paging, so a page costs the same with ten
 * patients or ten thousand.
 */

/**
 * Days after which a cancer patient's last answering scan counts as overdue on the worklist
 * (FLAREWATCH_IMAGING_OVERDUE_DAYS). Cautious default, 90 days: the shortest routine interval of
 * surveillance imaging after treatment of a high-grade soft-tissue sarcoma is every 3–4 months in the
 * first 2–3 years (ESMO clinical practice guideline for soft-tissue sarcomas: "followed every 3–4
 * months in the first 2–3 years", Casali & Blay, Ann Oncol 2010, kept in Gronchi et al., Ann Oncol 2021;
 * visits with chest imaging, the interval is not evidence-based); during treatment restaging is usually more frequent, so
 * 90 days flags a gap at the latest moment any schedule would. A worklist filter, not an alert.
 */
export const DEFAULT_IMAGING_OVERDUE_DAYS = 90;

export function imagingOverdueDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FLAREWATCH_IMAGING_OVERDUE_DAYS?.trim();
  if (!raw) return DEFAULT_IMAGING_OVERDUE_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error(`FLAREWATCH_IMAGING_OVERDUE_DAYS=${raw} is not a whole number of days from 1 to 3650`);
  return days;
}

export const worklistSorts = ["alerts", "name", "identifier", "cancer", "scan", "line", "activity", "event"] as const;
export type WorklistSort = (typeof worklistSorts)[number];

interface SortKey {
  sql: string;
  type: "int" | "float8" | "text" | "timestamp" | "timestamptz";
}
/**
 * Each sort's columns (the id breaks ties) and its natural direction: urgent alerts first (high
 * before normal, then the oldest open alert), the longest since an answering scan first (never
 * scanned before any), the latest line, the most active skin then CK, the latest event.
 */
const SORTS: Record<WorklistSort, { keys: SortKey[]; id: string; natural: "asc" | "desc" }> = {
  alerts: { keys: [{ sql: `s."alertRank"`, type: "int" }, { sql: `coalesce(s."oldestOpenAlertAt", 'infinity'::timestamptz)`, type: "timestamptz" }], id: `s."patientId"`, natural: "asc" },
  name: { keys: [{ sql: `p."familyName"`, type: "text" }, { sql: `p."givenName"`, type: "text" }], id: "p.id", natural: "asc" },
  identifier: { keys: [{ sql: "p.identifier", type: "text" }], id: "p.id", natural: "asc" },
  cancer: { keys: [{ sql: `coalesce(s."cancerType", '')`, type: "text" }, { sql: "s.dm::int", type: "int" }], id: `s."patientId"`, natural: "asc" },
  scan: { keys: [{ sql: `coalesce(s."lastScanAt", '-infinity'::timestamp)`, type: "timestamp" }], id: `s."patientId"`, natural: "asc" },
  line: { keys: [{ sql: `coalesce(s."currentLine", 0)`, type: "int" }], id: `s."patientId"`, natural: "desc" },
  activity: { keys: [{ sql: `coalesce(s."skinGrade", -1)`, type: "int" }, { sql: `coalesce(s."ckTimesUln", -1)`, type: "float8" }], id: `s."patientId"`, natural: "desc" },
  event: { keys: [{ sql: `coalesce(s."lastEventAt", '-infinity'::timestamp)`, type: "timestamp" }], id: `s."patientId"`, natural: "desc" },
};

export function naturalDirection(sort: WorklistSort): "asc" | "desc" {
  return SORTS[sort].natural;
}

const cursor = z.string().max(500).regex(/^[A-Za-z0-9_-]+$/, { error: "Not a page of this list" }).optional();
const flag = z.preprocess((value) => (value === "" || value === undefined ? undefined : value), z.enum(["1"]).optional());

export const worklistQuery = z.object({
  sort: z.enum(worklistSorts, { error: "Choose a column to sort on" }).default("alerts"),
  dir: z.preprocess((value) => (value === "" ? undefined : value), z.enum(["asc", "desc"]).optional()),
  q: z.string().max(200, { error: "Search for at most 200 characters" }).optional(),
  team: z.preprocess((value) => (value === "" ? undefined : value), z.uuid({ error: "Choose one of your care teams" }).optional()),
  open: flag,
  overdue: flag,
  dm: z.preprocess((value) => (value === "" ? undefined : value), z.enum(["yes", "no"]).optional()),
  cancer: z.string().max(200).optional(),
  after: cursor,
  before: cursor,
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type WorklistQuery = z.input<typeof worklistQuery>;

export type Trend = "up" | "down" | "same" | "single";

export interface WorklistRow {
  id: string;
  identifier: string;
  familyName: string;
  givenName: string;
  sex: string;
  birthDate?: ClinicalDate;
  cancerType?: string;
  dm: boolean;
  openAlerts: number;
  openHighAlerts: number;
  highestPriority?: "high" | "normal";
  /** Days since the oldest open alert was raised, in the clinic's calendar. */
  oldestOpenAlertDays?: number;
  lastScan?: { date: ClinicalDate; modality?: string; response?: string; daysSince: number };
  /** The patient has a cancer on record and no answering scan in the last `imagingOverdueDays`. */
  imagingOverdue: boolean;
  line?: { number: number; regimen?: string };
  skin?: { grade: number; date: ClinicalDate; previous?: number; trend: Trend };
  ck?: { value: number; unit: string; timesUln?: number; date: ClinicalDate; previousTimesUln?: number; trend?: Trend };
  lastEventAt?: ClinicalDate;
}

export interface WorklistPage {
  rows: WorklistRow[];
  sort: WorklistSort;
  dir: "asc" | "desc";
  /** Cursors of the next and previous pages, when there are such pages. */
  next?: string;
  previous?: string;
  today: ClinicalDate;
  imagingOverdueDays: number;
  /** The actor's care teams, for the team filter. */
  teams: { id: string; name: string }[];
}

const todayInClinic = (at: Date) => todayIn(clinicTimeZone(), at);

/** Days since midnight of a stored day: "YYYY-MM-DD" from a timestamp read as text. */
const day = (text: string) => text.slice(0, 10);
const clinical = (text: string) => (text.slice(11, 16) === "00:00" ? text.slice(0, 10) : `${text.slice(0, 10)}T${text.slice(11, 16)}`);

function trendOf(latest: number, previous: number | undefined): Trend {
  if (previous === undefined) return "single";
  return latest > previous ? "up" : latest < previous ? "down" : "same";
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** A date of birth as people type it: "1961-03-12", "12 Mar 1961", "12 March 1961"; otherwise undefined. */
export function searchedDate(text: string): ClinicalDate | undefined {
  const trimmed = text.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const words = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(trimmed);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (words) {
    const month = MONTHS.indexOf(words[2].slice(0, 3).toLowerCase());
    if (month < 0 || !"january february march april may june july august september october november december".split(" ")[month].startsWith(words[2].toLowerCase())) return undefined;
    [y, m, d] = [Number(words[3]), month + 1, Number(words[1])];
  } else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function encodeCursor(values: (string | null)[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}
function decodeCursor(text: string, length: number): string[] | undefined {
  try {
    const values: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === "string" && v.length <= 300)) return values as string[];
  } catch {
    // not a cursor this list wrote
  }
  return undefined;
}

interface Row {
  id: string;
  identifier: string;
  familyName: string;
  givenName: string;
  sex: string;
  birthDate: string | null;
  cancerType: string | null;
  dm: boolean;
  openAlerts: number;
  openHighAlerts: number;
  oldestOpenAlertAt: Date | string | null;
  lastScanAt: string | null;
  lastScanModality: string | null;
  lastScanResponse: string | null;
  currentLine: number | null;
  currentRegimen: string | null;
  skinGrade: number | null;
  skinGradeAt: string | null;
  previousSkinGrade: number | null;
  ckValue: number | null;
  ckUnit: string | null;
  ckTimesUln: number | null;
  ckAt: string | null;
  previousCkTimesUln: number | null;
  lastEventAt: string | null;
  [key: `k${number}`]: string;
}

/** The actor's patients, one page, sorted and filtered; one transaction and one audit row. */
export async function listWorklist(ctx: ServiceContext, query: unknown = {}): Promise<Result<WorklistPage>> {
  return actorRead(ctx, "patient.worklist", async (tx, note, scope) => {
    const parsed = worklistQuery.safeParse(query);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const { sort, q, team, open, overdue, dm, cancer, after, before, limit } = parsed.data;
    const search = q?.trim() || undefined;
    const cancerSearch = cancer?.trim() || undefined;
    note.detail = [`sort ${sort}`, search && `search: ${replaceUnsafeText(search)}`, team && `team ${team}`, open && "open alerts", overdue && "overdue imaging", dm && `DM ${dm}`, cancerSearch && `cancer: ${replaceUnsafeText(cancerSearch)}`]
      .filter(Boolean)
      .join("; ");
    // NUL and half surrogate pairs cannot be searched for (nor stored); the refusal is audited as invalid.
    for (const [field, text] of [["q", search], ["cancer", cancerSearch]] as const) {
      const problem = text ? unsafeTextProblem(text) : null;
      if (problem) return invalid({ [field]: [problem] }, "The search contains a character that cannot be searched for.");
    }
    const own = ctx.actor.teams;
    const teams = await tx.careTeam.findMany({ where: own === "all" ? {} : { id: { in: [...own] } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    if (team && !teams.some((t) => t.id === team)) return invalid({ team: ["Choose one of your care teams"] });
    const spec = SORTS[sort];
    const dir = parsed.data.dir ?? spec.natural;
    const cursorText = before ?? after;
    const position = cursorText ? decodeCursor(cursorText, spec.keys.length + 1) : undefined;
    if (cursorText && !position) return invalid({ [before ? "before" : "after"]: ["Not a page of this list: start again from the first page"] });
    const today = clinicToday();
    const overdueDays = imagingOverdueDays();

    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    const visible = scope.sql("p.id", 1);
    if (visible.params.length > 0) params.push(...visible.params);
    where.push(visible.sql);
    if (team) where.push(`EXISTS (SELECT 1 FROM "PatientTeam" ft WHERE ft."patientId" = p.id AND ft."teamId" = ${param(team)}::uuid)`);
    if (open) where.push(`s."openAlerts" > 0`);
    if (overdue) where.push(`s."cancerType" IS NOT NULL AND (s."lastScanAt" IS NULL OR s."lastScanAt" < ${param(`${addDays(today, -overdueDays)}T00:00:00`)}::timestamp)`);
    if (dm) where.push(dm === "yes" ? "s.dm" : "NOT s.dm");
    if (cancerSearch) where.push(`s."cancerType" ILIKE '%' || ${param(likeEscape(cancerSearch))} || '%'`);
    if (search) {
      const born = searchedDate(search);
      if (born) where.push(`p."birthDate" = ${param(born)}::date`);
      else {
        // Every word must match something: a name (from the start of the name or of any part of it),
        // the identifier, or a diagnosis. "Given Family", "Family G" and "Family, Given" all find the patient.
        for (const word of search.split(/[\s,]+/).filter(Boolean).slice(0, 8)) {
          const w = param(likeEscape(word));
          const name = (column: string) => `(${column} ILIKE ${w} || '%' OR ${column} ILIKE '% ' || ${w} || '%' OR ${column} ILIKE '%-' || ${w} || '%')`;
          // A single letter is an initial ("Family G"): it matches the start of a name only, never any
          // identifier or diagnosis that happens to contain the letter.
          if (word.length === 1) where.push(`(${name(`p."familyName"`)} OR ${name(`p."givenName"`)})`);
          else where.push(`(${name(`p."familyName"`)} OR ${name(`p."givenName"`)} OR p.identifier ILIKE '%' || ${w} || '%' OR s.diagnoses ILIKE '%' || ${w} || '%')`);
        }
      }
    }
    // Keyset: the rows after (or, for the previous page, before) the cursor's row, in the sort's order.
    const columns = [...spec.keys.map((key) => key.sql), spec.id];
    const backwards = before !== undefined;
    const ascending = (dir === "asc") !== backwards;
    if (position) {
      const values = position.map((value, i) => `${param(value)}::${i < spec.keys.length ? spec.keys[i].type : "uuid"}`);
      where.push(`(${columns.join(", ")}) ${ascending ? ">" : "<"} (${values.join(", ")})`);
    }
    const order = columns.map((column) => `${column} ${ascending ? "ASC" : "DESC"}`).join(", ");
    const rows = await tx.$queryRawUnsafe<Row[]>(
      `SELECT p.id::text AS id, p.identifier, p."familyName", p."givenName", p.sex, p."birthDate"::text AS "birthDate",
              s."cancerType", s.dm, s."openAlerts", s."openHighAlerts", s."oldestOpenAlertAt",
              s."lastScanAt"::text AS "lastScanAt", s."lastScanModality", s."lastScanResponse", s."currentLine", s."currentRegimen",
              s."skinGrade", s."skinGradeAt"::text AS "skinGradeAt", s."previousSkinGrade",
              s."ckValue", s."ckUnit", s."ckTimesUln", s."ckAt"::text AS "ckAt", s."previousCkTimesUln", s."lastEventAt"::text AS "lastEventAt",
              ${spec.keys.map((key, i) => `(${key.sql})::text AS k${i}`).join(", ")}
         FROM "Patient" p JOIN "PatientSummary" s ON s."patientId" = p.id
        WHERE ${where.join(" AND ")}
        ORDER BY ${order}
        LIMIT ${limit + 1}`,
      ...params,
    );
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    if (backwards) shown.reverse();
    const keysOf = (row: Row) => encodeCursor([...spec.keys.map((_, i) => row[`k${i}`]), row.id]);
    const page: WorklistPage = {
      rows: shown.map((row) => toWorklistRow(row, today, overdueDays)),
      sort,
      dir,
      today,
      imagingOverdueDays: overdueDays,
      teams,
      ...(shown.length > 0 && (backwards ? true : more) ? { next: keysOf(shown.at(-1)!) } : {}),
      ...(shown.length > 0 && (backwards ? more : after !== undefined) ? { previous: keysOf(shown[0]) } : {}),
    };
    return ok(page);
  });
}

function toWorklistRow(row: Row, today: ClinicalDate, overdueDays: number): WorklistRow {
  const openAlerts = Number(row.openAlerts);
  const openHighAlerts = Number(row.openHighAlerts);
  const lastScanDay = row.lastScanAt ? day(row.lastScanAt) : undefined;
  const oldest = row.oldestOpenAlertAt ? new Date(row.oldestOpenAlertAt) : undefined;
  return {
    id: row.id,
    identifier: row.identifier,
    familyName: row.familyName,
    givenName: row.givenName,
    sex: row.sex,
    ...(row.birthDate ? { birthDate: day(row.birthDate) } : {}),
    ...(row.cancerType ? { cancerType: row.cancerType } : {}),
    dm: row.dm,
    openAlerts,
    openHighAlerts,
    ...(openAlerts > 0 ? { highestPriority: openHighAlerts > 0 ? ("high" as const) : ("normal" as const) } : {}),
    ...(oldest ? { oldestOpenAlertDays: Math.max(0, daysBetween(todayInClinic(oldest), today)) } : {}),
    ...(row.lastScanAt && lastScanDay
      ? {
          lastScan: {
            date: clinical(row.lastScanAt),
            ...(row.lastScanModality ? { modality: row.lastScanModality } : {}),
            ...(row.lastScanResponse ? { response: row.lastScanResponse } : {}),
            daysSince: daysBetween(lastScanDay, today),
          },
        }
      : {}),
    imagingOverdue: row.cancerType !== null && (lastScanDay === undefined || daysBetween(lastScanDay, today) > overdueDays),
    ...(row.currentLine !== null ? { line: { number: Number(row.currentLine), ...(row.currentRegimen ? { regimen: row.currentRegimen } : {}) } } : {}),
    ...(row.skinGrade !== null && row.skinGradeAt
      ? {
          skin: {
            grade: Number(row.skinGrade),
            date: clinical(row.skinGradeAt),
            ...(row.previousSkinGrade !== null ? { previous: Number(row.previousSkinGrade) } : {}),
            trend: trendOf(Number(row.skinGrade), row.previousSkinGrade === null ? undefined : Number(row.previousSkinGrade)),
          },
        }
      : {}),
    ...(row.ckValue !== null && row.ckAt
      ? {
          ck: {
            value: Number(row.ckValue),
            unit: row.ckUnit ?? "",
            date: clinical(row.ckAt),
            ...(row.ckTimesUln !== null ? { timesUln: Number(row.ckTimesUln) } : {}),
            ...(row.previousCkTimesUln !== null ? { previousTimesUln: Number(row.previousCkTimesUln) } : {}),
            // A trend in ×ULN only when both results had an upper limit: values against different ranges do not compare.
            ...(row.ckTimesUln !== null ? { trend: trendOf(Number(row.ckTimesUln), row.previousCkTimesUln === null ? undefined : Number(row.previousCkTimesUln)) } : {}),
          },
        }
      : {}),
    ...(row.lastEventAt ? { lastEventAt: clinical(row.lastEventAt) } : {}),
  };
}
