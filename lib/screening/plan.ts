import {
  addDays,
  analytes,
  formatClinicalDate,
  imagingRegionNames,
  screeningProcedureNames,
  tumourMarkerAnalytes,
  type ClinicalDate,
  type EventOfKind,
  type TimelineEvent,
} from "@/lib/events";
import { currentEvents } from "@/lib/alerts/record";
import type { AlertSettings, ScreeningPanel } from "@/lib/alerts/settings";
import { ageOn } from "@/lib/events";
import { riskOf, type Risk, type ScreeningPatient, type ScreeningRecord } from "./risk";

/**
 * The screening plan: rounds from dermatomyositis onset (the round at diagnosis, then one every
 * `screeningIntervalMonths` up to `screeningWindowMonths`), each with the items of the panels the risk
 * category calls for, and each item's status against the clinic's today. Pure and order-free.
 */

/** What can be on a plan. "consider" items are shown but never alerted on (the guideline says "consider"). */
export type ScreeningItemId =
  | "history-examination"
  | "basic-bloods"
  | "chest-radiograph"
  | "national-screening"
  | "ct-tap"
  | "tumour-markers"
  | "pet-ct"
  | "gi-endoscopy"
  | "nasoendoscopy";

export const screeningItemNames: Record<ScreeningItemId, string> = {
  "history-examination": "History and examination (cancer-directed)",
  "basic-bloods": "Blood tests (full blood count, ESR or CRP)",
  "chest-radiograph": "Chest radiograph",
  "national-screening": "Age- and sex-appropriate national cancer screening",
  "ct-tap": "CT thorax/abdomen/pelvis",
  "tumour-markers": "Tumour markers",
  "pet-ct": "PET-CT (consider)",
  "gi-endoscopy": "Upper and lower GI endoscopy (consider)",
  nasoendoscopy: "Nasoendoscopy",
};

/** Short names for reasons: "CT thorax/abdomen/pelvis, tumour markers". */
export const screeningItemShort: Record<ScreeningItemId, string> = {
  "history-examination": "history and examination",
  "basic-bloods": "blood tests",
  "chest-radiograph": "chest radiograph",
  "national-screening": "national screening",
  "ct-tap": "CT thorax/abdomen/pelvis",
  "tumour-markers": "tumour markers",
  "pet-ct": "PET-CT",
  "gi-endoscopy": "GI endoscopy",
  nasoendoscopy: "nasoendoscopy",
};

const panelItems: Record<ScreeningPanel, ScreeningItemId[]> = {
  basic: ["history-examination", "basic-bloods", "chest-radiograph", "national-screening"],
  enhanced: ["ct-tap", "tumour-markers"],
};

export type ItemStatus = "done" | "due" | "overdue" | "not-yet-due" | "closed";
export const itemStatusNames: Record<ItemStatus, string> = { done: "Done", due: "Due", overdue: "Overdue", "not-yet-due": "Not yet due", closed: "Closed" };

/** A recorded event that satisfies an item. */
export interface ItemEvidence {
  eventId: string;
  date: ClinicalDate;
  /** What it was, e.g. "CT thorax, abdomen and pelvis", "CA-125 12 U/mL". */
  label: string;
}

export interface ScreeningItem {
  id: ScreeningItemId;
  panel: ScreeningPanel | "consider" | "regional";
  /** False for "consider" items: shown, never alerted on. */
  required: boolean;
  status: ItemStatus;
  /** The events that satisfy it (with "done"); for "basic-bloods" all that were needed. */
  doneBy: ItemEvidence[];
  /** The day it was done: the latest of the events that together satisfy it. */
  doneOn?: ClinicalDate;
}

export interface ScreeningRound {
  /** Stable within the plan: "m0", "m12"… (months after onset). */
  id: string;
  months: number;
  /** The round's date: onset + months. */
  date: ClinicalDate;
  /** From this day the round's items are due (the date itself for the round at diagnosis). */
  dueFrom: ClinicalDate;
  /** After this day an item not done is overdue. */
  overdueAfter: ClinicalDate;
  /** Events dated from here (inclusive) to `acceptUntil` (exclusive) count for this round. */
  acceptFrom: ClinicalDate;
  acceptUntil?: ClinicalDate;
  panels: ScreeningPanel[];
  items: ScreeningItem[];
  label: string;
}

export type PlanState = "not-applicable" | "active" | "closed" | "completed";

export interface ScreeningPlan {
  state: PlanState;
  /** Why there is no plan, or why it closed, in plain words. */
  note?: string;
  risk?: Risk;
  onset?: { eventId: string; date: ClinicalDate; name: string };
  /** The cancer diagnosis that closed the plan (or precluded it). */
  cancer?: { eventId: string; date: ClinicalDate; name: string };
  windowEnd?: ClinicalDate;
  rounds: ScreeningRound[];
  /** The next day on which a status changes without any write (an item becomes due or overdue), if any. */
  nextChange?: ClinicalDate;
  today: ClinicalDate;
}

/** The events screening reads, in clinical order (current versions only, none after today). */
export function screeningRecord(events: readonly TimelineEvent[], today: ClinicalDate): ScreeningRecord {
  const current = currentEvents(events, today);
  const record: ScreeningRecord = { latestAntibodies: new Map(), events: current };
  for (const event of current) {
    switch (event.kind) {
      case "diagnosis":
        if (event.payload.role === "dermatomyositis" && !record.dmDiagnosis) record.dmDiagnosis = event;
        if (event.payload.role === "cancer" && !record.cancerDiagnosis) record.cancerDiagnosis = event;
        break;
      case "antibody_result":
        record.latestAntibodies.set(event.payload.antibody, event);
        break;
      case "muscle_assessment":
        if (event.payload.dysphagia === true && !record.firstDysphagia) record.firstDysphagia = event;
        break;
      case "skin_assessment":
        if (event.payload.signs.includes("ulceration") && !record.firstUlceration) record.firstUlceration = event;
        break;
    }
  }
  return record;
}

/** Calendar months after a day (the 31st becomes the month's last day). */
export function addMonths(date: ClinicalDate, months: number): ClinicalDate {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

const day = (date: ClinicalDate) => date.slice(0, 10);

/** The recorded events that satisfy an item, among those in a round's window (clinical order). */
function satisfying(id: ScreeningItemId, events: readonly TimelineEvent[]): ItemEvidence[][] {
  const one = (event: TimelineEvent, label: string): ItemEvidence[] => [{ eventId: event.id, date: event.occurredAt, label }];
  const imaging = (event: TimelineEvent): event is EventOfKind<"imaging"> => event.kind === "imaging";
  const procedure = (event: TimelineEvent): event is EventOfKind<"procedure"> => event.kind === "procedure";
  const lab = (event: TimelineEvent): event is EventOfKind<"lab_result"> => event.kind === "lab_result";
  const scan = (event: EventOfKind<"imaging">) => `${event.payload.modality}${event.payload.region ? ` ${imagingRegionNames[event.payload.region].toLowerCase()}` : ""}`;
  const labLabel = (event: EventOfKind<"lab_result">) => `${analytes[event.payload.analyte].short} ${event.payload.comparator ?? ""}${event.payload.value} ${event.payload.unit}`;
  switch (id) {
    case "history-examination":
    case "national-screening":
      return events.filter(procedure).filter((e) => e.payload.screening === id || (id === "national-screening" && (e.payload.screening === "mammography" || e.payload.screening === "cervical-screening"))).map((e) => one(e, e.payload.screening ? screeningProcedureNames[e.payload.screening] : e.payload.name));
    case "nasoendoscopy":
      return events.filter(procedure).filter((e) => e.payload.screening === "nasoendoscopy").map((e) => one(e, screeningProcedureNames.nasoendoscopy));
    case "gi-endoscopy": {
      // Both are needed: the latest upper and the latest lower endoscopy in the window.
      const upper = events.filter(procedure).filter((e) => e.payload.screening === "upper-gi-endoscopy");
      const lower = events.filter(procedure).filter((e) => e.payload.screening === "lower-gi-endoscopy");
      return upper.length > 0 && lower.length > 0 ? [[...one(upper[0], screeningProcedureNames["upper-gi-endoscopy"]), ...one(lower[0], screeningProcedureNames["lower-gi-endoscopy"])]] : [];
    }
    case "chest-radiograph":
      // A CT covering the chest shows at least what a chest radiograph shows.
      return events
        .filter(imaging)
        .filter((e) => (e.payload.modality === "X-ray" && e.payload.region === "chest") || ((e.payload.modality === "CT" || e.payload.modality === "PET-CT") && (e.payload.region === "chest" || e.payload.region === "thorax-abdomen-pelvis" || e.payload.region === "whole-body")))
        .map((e) => one(e, scan(e)));
    case "ct-tap":
      return events
        .filter(imaging)
        .filter((e) => e.payload.modality === "CT" && e.payload.region === "thorax-abdomen-pelvis")
        .map((e) => one(e, scan(e)));
    case "pet-ct":
      return events.filter(imaging).filter((e) => e.payload.modality === "PET-CT").map((e) => one(e, scan(e)));
    case "tumour-markers":
      return events
        .filter(lab)
        .filter((e) => (tumourMarkerAnalytes as readonly string[]).includes(e.payload.analyte))
        .map((e) => one(e, labLabel(e)));
    case "basic-bloods": {
      const wbc = events.filter(lab).filter((e) => e.payload.analyte === "wbc");
      const inflammation = events.filter(lab).filter((e) => e.payload.analyte === "esr" || e.payload.analyte === "crp");
      return wbc.length > 0 && inflammation.length > 0 ? [[...one(wbc[0], labLabel(wbc[0])), ...one(inflammation[0], labLabel(inflammation[0]))]] : [];
    }
  }
}

function panelsFor(risk: Risk, first: boolean, settings: AlertSettings): ScreeningPanel[] {
  const key = `screening${risk.category === "standard" ? "Standard" : risk.category === "moderate" ? "Moderate" : "High"}${first ? "AtOnset" : "Repeat"}` as const;
  const chosen = new Set(settings[key]);
  return (["basic", "enhanced"] as const).filter((panel) => chosen.has(panel));
}

/**
 * The plan as of `today`:
 * - no dermatomyositis diagnosis, or a cancer diagnosis dated on or before it, or onset before 18
 *   (the guideline is for adults): not applicable;
 * - a cancer diagnosis after onset closes the plan: rounds from its date on are closed, and items of
 *   earlier rounds not done then are closed too (the re-imaging rule takes over);
 * - otherwise each item is done (a satisfying event in the round's window, dated on or before today),
 *   not yet due, due, or overdue by the round's dates.
 */
export function screeningPlan(patient: ScreeningPatient, events: readonly TimelineEvent[], settings: AlertSettings, today: ClinicalDate): ScreeningPlan {
  today = day(today);
  const record = screeningRecord(events, today);
  const dm = record.dmDiagnosis;
  const cancer = record.cancerDiagnosis;
  const base = { rounds: [], today } satisfies Partial<ScreeningPlan>;
  if (!dm) return { ...base, state: "not-applicable", note: "No dermatomyositis diagnosis is recorded." };
  const onsetDay = day(dm.occurredAt);
  const onset = { eventId: dm.id, date: dm.occurredAt, name: dm.payload.name };
  const cancerRef = cancer && { eventId: cancer.id, date: cancer.occurredAt, name: cancer.payload.name };
  if (cancer && day(cancer.occurredAt) <= onsetDay) {
    return { ...base, state: "not-applicable", onset, cancer: cancerRef, note: `A cancer (${cancer.payload.name}) was diagnosed on ${formatClinicalDate(cancer.occurredAt)}, before or with the dermatomyositis: the re-imaging rule follows it, not screening.` };
  }
  if (patient.birthDate !== undefined && ageOn(patient.birthDate, onsetDay) < 18) {
    return { ...base, state: "not-applicable", onset, note: "Juvenile-onset dermatomyositis: the IMACS guideline does not recommend routine cancer screening." };
  }
  const risk = riskOf(patient, record, settings);
  const windowEnd = addMonths(onsetDay, settings.screeningWindowMonths);
  const cancerDay = cancer ? day(cancer.occurredAt) : undefined;
  const monthsList: number[] = [];
  for (let months = 0; months <= settings.screeningWindowMonths; months += settings.screeningIntervalMonths) monthsList.push(months);
  const rounds: ScreeningRound[] = [];
  const changes: ClinicalDate[] = [];
  monthsList.forEach((months, index) => {
    const date = addMonths(onsetDay, months);
    const first = months === 0;
    const panels = panelsFor(risk, first, settings);
    const ids: { id: ScreeningItemId; panel: ScreeningItem["panel"]; required: boolean }[] = panels.flatMap((panel) => panelItems[panel].map((id) => ({ id, panel, required: true })));
    if (first && settings.screeningNasopharyngealRegion === 1) ids.push({ id: "nasoendoscopy", panel: "regional", required: true });
    if (first && risk.category === "high") ids.push({ id: "pet-ct", panel: "consider", required: false }, { id: "gi-endoscopy", panel: "consider", required: false });
    if (ids.length === 0) return;
    const acceptFrom = addDays(date, -settings.screeningAcceptBeforeDays);
    const next = monthsList[index + 1];
    const acceptUntil = next !== undefined ? addDays(addMonths(onsetDay, next), -settings.screeningAcceptBeforeDays) : undefined;
    const dueFrom = first ? date : addDays(date, -settings.screeningLeadDays);
    const overdueAfter = addDays(date, settings.screeningGraceDays);
    const inWindow = record.events.filter((event) => day(event.occurredAt) >= acceptFrom && (acceptUntil === undefined || day(event.occurredAt) < acceptUntil));
    const closedFrom = cancerDay;
    const items = ids.map(({ id, panel, required }): ScreeningItem => {
      const sets = satisfying(id, inWindow);
      // Done by the first satisfying set (the earliest day it was complete).
      const withDay = sets.map((set) => ({ set, on: set.map((e) => day(e.date)).sort().at(-1)! })).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
      const done = withDay[0];
      if (closedFrom !== undefined && day(date) >= closedFrom) return { id, panel, required, status: "closed", doneBy: [] };
      if (done) return { id, panel, required, status: "done", doneBy: done.set, doneOn: done.on };
      if (closedFrom !== undefined) return { id, panel, required, status: "closed", doneBy: [] };
      const status: ItemStatus = today < dueFrom ? "not-yet-due" : today <= overdueAfter ? "due" : "overdue";
      if (status === "not-yet-due") changes.push(dueFrom);
      if (status === "due") changes.push(addDays(overdueAfter, 1));
      return { id, panel, required, status, doneBy: [] };
    });
    rounds.push({ id: `m${months}`, months, date, dueFrom, overdueAfter, acceptFrom, ...(acceptUntil && { acceptUntil }), panels, items, label: first ? "at diagnosis" : `${months} months after onset` });
  });
  const nextChange = changes.sort()[0];
  if (cancer && cancerRef) {
    return { state: "closed", note: `Closed: a cancer (${cancer.payload.name}) was diagnosed on ${formatClinicalDate(cancer.occurredAt)}; the re-imaging rule follows it.`, risk, onset, cancer: cancerRef, windowEnd, rounds, today };
  }
  const lastRound = rounds.at(-1);
  const completed = lastRound !== undefined && today > lastRound.overdueAfter && rounds.every((round) => round.items.every((item) => !item.required || item.status === "done"));
  return { state: completed ? "completed" : "active", risk, onset, windowEnd, rounds, ...(nextChange && { nextChange }), today };
}

/** Panels in words: "Basic and enhanced screening", "Enhanced screening". */
export function panelWords(panels: readonly ScreeningPanel[]): string {
  if (panels.length === 0) return "No screening";
  const names = panels.map((panel) => (panel === "basic" ? "basic" : "enhanced"));
  const text = names.join(" and ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} screening`;
}
