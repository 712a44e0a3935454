import { addDays, daysBetween, type ClinicalDate, type EventInput, type PatientInput } from "@/lib/events";
import { checkpointInhibitorCancers, checkpointInhibitorMyositis, escalationAfterRecentScan, improvingFlareOnSteroids, statinCkRise } from "./cohort-alert-courses";
import { at, between, ck, imaging, line, pick, skin, steroidReductionBefore, type Ctx } from "./cohort-events";
import { screeningAntibody, screeningCourse, screeningVariants, standardRiskAgeDays } from "./cohort-screening-courses";

/**
 * A synthetic cohort with varied courses, deterministic for a given seed: responders, progressors,
 * flares that herald progression, flares without it, cancer without DM and DM without a cancer found,
 * then the courses that test re-imaging alert rule v2 (cohort-alert-courses.ts): an improving flare
 * on steroids, an escalation after a recent scan, checkpoint-inhibitor myositis and a statin CK rise.
 * Patient i follows courses[i % courses.length]; new courses go at the end so earlier patients keep theirs.
 * Routine monitoring (labs, skin checks) fills each record up to the requested number of events.
 */
export const courses = [
  "responder",
  "progressor",
  "flare-then-progression",
  "flare-without-progression",
  "cancer-without-dm",
  "dm-without-cancer",
  "improving-flare-on-steroids",
  "escalation-after-recent-scan",
  "checkpoint-inhibitor-myositis",
  "statin-ck-rise",
] as const;
export type Course = (typeof courses)[number];

/** Courses whose patient has dermatomyositis (a DM diagnosis on record). */
export const coursesWithDm: ReadonlySet<Course> = new Set(["responder", "progressor", "flare-then-progression", "flare-without-progression", "dm-without-cancer", "improving-flare-on-steroids", "escalation-after-recent-scan"]);

export interface GeneratedPatient {
  patient: PatientInput;
  course: Course;
  events: EventInput[];
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const familyNames = ["Okafor", "Lindqvist", "Moreau", "Brennan", "Haddad", "Kowalski", "Nakamura", "Silva", "Andersen", "Rossi", "Mensah", "Novak", "Fischer", "O'Neill", "Petrov", "Garcia", "Tanaka", "Dubois", "Kaur", "Schmidt"];
const givenNames = ["Amara", "Elin", "Claire", "Siobhan", "Layla", "Zofia", "Yuki", "Ines", "Freja", "Giulia", "Abena", "Petra", "Lena", "Aoife", "Daria", "Lucia", "Hana", "Manon", "Priya", "Greta", "Tomas", "Omar", "Jonas", "Marco"];
const cancers = [
  { name: "Ovarian high-grade serous carcinoma", regimens: ["carboplatin-paclitaxel", "pegylated liposomal doxorubicin"] },
  { name: "Non-small-cell lung cancer, adenocarcinoma", regimens: ["carboplatin-pemetrexed", "docetaxel"] },
  { name: "Breast carcinoma, triple negative", regimens: ["epirubicin-cyclophosphamide", "capecitabine"] },
  { name: "Nasopharyngeal carcinoma", regimens: ["cisplatin-gemcitabine", "capecitabine"] },
  { name: "Leiomyosarcoma", regimens: ["doxorubicin", "trabectedin"] },
  { name: "Gastric adenocarcinoma", regimens: ["FOLFOX", "paclitaxel-ramucirumab"] },
];

function flare(ctx: Ctx, day: number, withMuscle: boolean): void {
  skin(ctx, day, between(ctx.rand, 2, 4), between(ctx.rand, 20, 45), ["shawl-sign", "heliotrope", "gottron-papules"]);
  if (withMuscle) {
    ck(ctx, day, between(ctx.rand, 450, 4000));
    ctx.events.push({ kind: "muscle_assessment", occurredAt: at(ctx, day), payload: { mmt8: { score: between(ctx.rand, 95, 125), scale: 150 }, proximalWeaknessMrc: 3.5 } });
  }
  ctx.events.push({ kind: "medication", occurredAt: at(ctx, day + 3), endedAt: at(ctx, day + 30), payload: { drug: "prednisolone", role: "immunosuppression", dose: { value: 40, unit: "mg/day" }, route: "oral", tapering: true } });
  ctx.events.push({ kind: "medication", occurredAt: at(ctx, day + 31), payload: { drug: "prednisolone", role: "immunosuppression", dose: { value: 20, unit: "mg/day" }, route: "oral", tapering: true } });
}

interface CourseOptions {
  /** The record stops at the flare: the re-imaging it calls for has not happened yet (an open alert). */
  awaitingImaging: boolean;
  /** A steroid dose reduction two weeks before the flare ("taper flare"). */
  taperFlare: boolean;
  /** DM without a cancer found: which cancer-screening variant (cohort-screening-courses.ts). */
  screeningVariant: number;
}

function clinicalCourse(ctx: Ctx, course: Course, { awaitingImaging, taperFlare, screeningVariant }: CourseOptions): number {
  const cancer = course === "checkpoint-inhibitor-myositis" ? pick(ctx.rand, checkpointInhibitorCancers) : pick(ctx.rand, cancers);
  const hasDm = coursesWithDm.has(course);
  const hasCancer = course !== "dm-without-cancer";
  if (hasDm) {
    const dmDay = hasCancer ? between(ctx.rand, -90, 30) : 0;
    skin(ctx, dmDay, 2, between(ctx.rand, 14, 30), ["heliotrope", "gottron-papules"]);
    ck(ctx, dmDay, between(ctx.rand, 250, 1500));
    ctx.events.push({ kind: "diagnosis", occurredAt: at(ctx, dmDay + 7), payload: { role: "dermatomyositis", name: "Dermatomyositis", criteria: ["rash", "raised-enzymes", "proximal-weakness"] } });
    // The pick is drawn for every course so the random stream (and the other patients) stay as they were.
    const drawn = pick(ctx.rand, ["tif1-gamma", "nxp2", "mi-2", "mda5"] as const);
    ctx.events.push({ kind: "antibody_result", occurredAt: at(ctx, dmDay + 10), payload: { antibody: hasCancer ? drawn : screeningAntibody[screeningVariant % screeningVariants], result: "positive" } });
    ctx.events.push({ kind: "medication", occurredAt: at(ctx, dmDay + 8), endedAt: at(ctx, dmDay + 60), payload: { drug: "prednisolone", role: "immunosuppression", dose: { value: 30, unit: "mg/day" }, route: "oral", tapering: true } });
    skin(ctx, dmDay + 60, 1, between(ctx.rand, 4, 10));
    ck(ctx, dmDay + 60, between(ctx.rand, 60, 180));
  }
  if (!hasCancer) return Math.max(400, screeningCourse(ctx, screeningVariant));
  ctx.events.push({ kind: "diagnosis", occurredAt: at(ctx, 0), payload: { role: "cancer", name: cancer.name, stage: "metastatic" } });
  const baseline = between(ctx.rand, 50, 120);
  imaging(ctx, 5, undefined, baseline, "Baseline staging.");
  if (course === "checkpoint-inhibitor-myositis") return checkpointInhibitorMyositis(ctx, baseline, cancer.regimens[0]);
  const end = line(ctx, 1, cancer.regimens[0], 21, 6);
  const mid = 21 + 63;
  switch (course) {
    case "responder":
      imaging(ctx, mid + 10, "PR", Math.round(baseline * 0.65), "Partial response.");
      imaging(ctx, end + 14, "PR", Math.round(baseline * 0.55), "Continued response.");
      imaging(ctx, end + 120, "SD", Math.round(baseline * 0.56), "Stable.");
      return end + 150;
    case "progressor":
    case "cancer-without-dm":
      imaging(ctx, mid + 10, "SD", Math.round(baseline * 0.95), "Stable disease.");
      imaging(ctx, end + 14, "PD", Math.round(baseline * 1.3), "Progression.");
      line(ctx, 2, cancer.regimens[1], end + 28, 4);
      return end + 130;
    case "flare-then-progression": {
      imaging(ctx, end + 14, "SD", Math.round(baseline * 0.92), "Stable disease.");
      const flareDay = end + 14 + between(ctx.rand, 40, 80);
      if (taperFlare) steroidReductionBefore(ctx, flareDay);
      flare(ctx, flareDay, ctx.rand() < 0.6);
      if (awaitingImaging) return flareDay + 30;
      imaging(ctx, flareDay + between(ctx.rand, 10, 25), "PD", Math.round(baseline * 1.35), "Progression.");
      line(ctx, 2, cancer.regimens[1], flareDay + 35, 4);
      return flareDay + 130;
    }
    case "flare-without-progression": {
      imaging(ctx, end + 14, "PR", Math.round(baseline * 0.62), "Partial response.");
      const flareDay = end + 14 + between(ctx.rand, 40, 80);
      if (taperFlare) steroidReductionBefore(ctx, flareDay);
      flare(ctx, flareDay, ctx.rand() < 0.4);
      imaging(ctx, flareDay + between(ctx.rand, 10, 25), "SD", Math.round(baseline * 0.64), "Stable; no progression.");
      return flareDay + 90;
    }
    case "improving-flare-on-steroids":
      return improvingFlareOnSteroids(ctx, end, baseline, cancer.regimens[1], taperFlare);
    case "escalation-after-recent-scan":
      return escalationAfterRecentScan(ctx, end, baseline);
    case "statin-ck-rise":
      return statinCkRise(ctx, end, baseline);
    default:
      return end + 90;
  }
}

const routineLabs = [
  { analyte: "alt", unit: "U/L", low: 10, high: 49, mean: 30 },
  { analyte: "crp", unit: "mg/L", low: 0, high: 5, mean: 4 },
  { analyte: "wbc", unit: "10*9/L", low: 4, high: 11, mean: 6.5 },
  { analyte: "ldh", unit: "U/L", low: 120, high: 250, mean: 210 },
] as const;

/** Routine monitoring spread over the course so that the record reaches `target` events. */
/** How often a record that runs on past its course is re-scanned: a 13-week surveillance CT. */
const SURVEILLANCE_DAYS = 91;

/**
 * Routine monitoring up to `target` events. A record longer than its course (the benchmarks' years of
 * data) keeps being followed as a treated cancer is: a surveillance CT every 13 weeks reporting stable
 * disease at the last scan's size, unless the course ended in progression or awaits a scan (an
 * open-ended quiet window). The demo's short records end with their course and get none.
 */
function fillWithMonitoring(ctx: Ctx, target: number, lastDay: number): void {
  const missing = target - ctx.events.length;
  if (missing <= 0) return;
  const span = Math.max(lastDay, Math.ceil(missing / 8));
  const scans = ctx.events.filter((e) => e.kind === "imaging");
  const lastScan = scans.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)).at(-1);
  const followed = lastScan?.kind === "imaging" && lastScan.payload.response !== "PD" && !ctx.quiet.some(([, to]) => to === Number.POSITIVE_INFINITY);
  let nextScan = lastDay + SURVEILLANCE_DAYS;
  for (let i = 0; i < missing; i++) {
    const day = Math.floor((i * span) / missing);
    if (followed && day >= nextScan) {
      imaging(ctx, day, "SD", lastScan.payload.targetSumMm ?? 50, "Surveillance CT: stable disease.");
      nextScan = day + SURVEILLANCE_DAYS;
      continue;
    }
    const roll = ctx.rand();
    const quiet = ctx.quiet.some(([from, to]) => day >= from && day <= to);
    if (quiet) {
      routineLab(ctx, day);
    } else if (roll < 0.35) {
      ck(ctx, day, between(ctx.rand, 40, 190));
    } else if (roll < 0.5) {
      skin(ctx, day, ctx.rand() < 0.8 ? 0 : 1, between(ctx.rand, 0, 8));
    } else {
      routineLab(ctx, day);
    }
  }
}

function routineLab(ctx: Ctx, day: number): void {
  const lab = pick(ctx.rand, routineLabs);
  const value = Math.round(lab.mean * (0.6 + ctx.rand() * 0.7) * 10) / 10;
  ctx.events.push({ kind: "lab_result", occurredAt: at(ctx, day), payload: { analyte: lab.analyte, value, unit: lab.unit, referenceRange: { low: lab.low, high: lab.high } } });
}

export interface CohortOptions {
  patients: number;
  eventsPerPatient?: number;
  seed?: number;
  identifierPrefix?: string;
  firstNumber?: number;
  /**
   * The seeding day. When given, each patient's record is moved in time so that its last event lies a
   * few days to a few months before it (see RECENCY_DAYS): the worklist and inbox look like a working
   * clinic, with recent flares and alerts days and weeks old. Nothing is dated after it. The same seed and
   * the same today give the same cohort. Without it, records keep their historical dates (benchmarks).
   */
  today?: ClinicalDate;
}

/** How long before the seeding day each patient's last event lies, by position in the cohort: days to months. */
export const RECENCY_DAYS = [2, 5, 9, 14, 21, 30, 45, 60, 90, 120, 4, 11] as const;

function shiftDate(date: string, days: number): string {
  return `${addDays(date.slice(0, 10), days)}${date.slice(10)}`;
}

/** The record moved by whole days so that its latest date (start or end) is `today` − `recency`. */
export function anchorToToday(events: EventInput[], today: ClinicalDate, recency: number): EventInput[] {
  let latest = "";
  for (const e of events) {
    if (e.occurredAt.slice(0, 10) > latest) latest = e.occurredAt.slice(0, 10);
    if (e.endedAt !== undefined && e.endedAt.slice(0, 10) > latest) latest = e.endedAt.slice(0, 10);
  }
  if (latest === "") return events;
  const shift = daysBetween(latest, addDays(today, -recency));
  return events.map((e) => ({ ...e, occurredAt: shiftDate(e.occurredAt, shift), ...(e.endedAt !== undefined ? { endedAt: shiftDate(e.endedAt, shift) } : {}) }));
}

export function generateCohort(options: CohortOptions): GeneratedPatient[] {
  const rand = mulberry32(options.seed ?? 20201);
  const result: GeneratedPatient[] = [];
  for (let i = 0; i < options.patients; i++) {
    const course = courses[i % courses.length];
    const start = addDays("2016-01-04", between(rand, 0, 6 * 365));
    const ctx: Ctx = { rand, start, events: [], quiet: [] };
    const lastDay = clinicalCourse(ctx, course, {
      awaitingImaging: i % (2 * courses.length) === 2,
      // Every other round through the courses, the flares follow a steroid dose reduction.
      taperFlare: Math.floor(i / courses.length) % 2 === 1,
      screeningVariant: Math.floor(i / courses.length),
    });
    if (options.eventsPerPatient) fillWithMonitoring(ctx, options.eventsPerPatient, lastDay);
    const birthYear = between(rand, 1940, 1985);
    result.push({
      course,
      patient: {
        identifier: `${options.identifierPrefix ?? "FW"}-${String((options.firstNumber ?? 1001) + i).padStart(4, "0")}`,
        familyName: pick(rand, familyNames),
        givenName: pick(rand, givenNames),
        sex: rand() < 0.65 ? "female" : "male",
        birthDate: `${birthYear}-${String(between(rand, 1, 12)).padStart(2, "0")}-${String(between(rand, 1, 28)).padStart(2, "0")}`,
        // The standard-risk screening variant needs onset before 40 (drawn above all the same, for the stream).
        ...(course === "dm-without-cancer" && Math.floor(i / courses.length) % screeningVariants === 2 && { birthDate: addDays(start, -standardRiskAgeDays) }),
      },
      events: options.today !== undefined ? anchorToToday(ctx.events, options.today, RECENCY_DAYS[i % RECENCY_DAYS.length]) : ctx.events,
    });
  }
  return result;
}
