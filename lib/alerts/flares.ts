import { timesUpperLimit, type EventOfKind, type TimelineEvent } from "@/lib/events";
import { currentEvents, dayNumber } from "./record";
import { atLeast, priorValues, type SeriesPoint } from "./reference";
import type { AlertSettings } from "./settings";
import type { FlareFinding, FlarePoint } from "./types";

/**
 * The flare evidence points of a record, in clinical order: every skin assessment, CK result and
 * muscle assessment that met a flare rule, with what it was compared with. For the chart's flare
 * markers and for the alert rule alike. Entered-in-error events and superseded versions are ignored.
 */
export function flaresOf(events: readonly TimelineEvent[], settings: AlertSettings): FlarePoint[] {
  return flaresInOrder(currentEvents(events), settings);
}

/** Like `flaresOf`, for events already current and in clinical order. */
export function flaresInOrder(events: readonly TimelineEvent[], settings: AlertSettings): FlarePoint[] {
  const skin: EventOfKind<"skin_assessment">[] = [];
  const ck: EventOfKind<"lab_result">[] = [];
  const muscle: EventOfKind<"muscle_assessment">[] = [];
  for (const event of events) {
    if (event.kind === "skin_assessment") skin.push(event);
    else if (event.kind === "muscle_assessment") muscle.push(event);
    else if (event.kind === "lab_result" && event.payload.analyte === "ck") ck.push(event);
  }

  const findings = new Map<string, FlareFinding[]>();
  const add = ([event, finding]: [TimelineEvent, FlareFinding]) => {
    const held = findings.get(event.id);
    if (held) held.push(finding);
    else findings.set(event.id, [finding]);
  };
  skinFlares(skin, settings).forEach(add);
  ckFlares(ck, settings).forEach(add);
  muscleAssessmentFlares(muscle, settings).forEach(add);

  const points: FlarePoint[] = [];
  for (const event of events) {
    const found = findings.get(event.id);
    if (found) points.push({ eventId: event.id, occurredAt: event.occurredAt, domain: event.kind === "skin_assessment" ? "skin" : "muscle", findings: found });
  }
  return points;
}

type Found<E> = [E, FlareFinding][];

/**
 * Skin flare: grade ≥ skinGradeMin and at least skinGradeRise above the patient's reference, or
 * CDASI activity ≥ cdasiActivityMin and at least cdasiActivityRise above its own reference. The
 * reference is the lowest value of the reference period, else the last value before it, else 0.
 */
function skinFlares(assessments: EventOfKind<"skin_assessment">[], settings: AlertSettings): Found<EventOfKind<"skin_assessment">> {
  const found: Found<EventOfKind<"skin_assessment">> = [];
  const gradePoints = assessments.map((event) => point(event, event.payload.grade));
  const gradePrior = priorValues(gradePoints, settings.skinReferenceDays);
  assessments.forEach((event, i) => {
    const reference = gradePrior[i].lowestInWindow ?? gradePrior[i].lastBefore ?? 0;
    const grade = event.payload.grade;
    if (grade >= settings.skinGradeMin && grade - reference >= settings.skinGradeRise) {
      found.push([event, { criterion: "skin-grade", value: grade, reference }]);
    }
  });

  const withCdasi = assessments.filter((event) => event.payload.cdasiActivity !== undefined);
  const cdasiPrior = priorValues(
    withCdasi.map((event) => point(event, event.payload.cdasiActivity!)),
    settings.skinReferenceDays,
  );
  withCdasi.forEach((event, i) => {
    const reference = cdasiPrior[i].lowestInWindow ?? cdasiPrior[i].lastBefore ?? 0;
    const activity = event.payload.cdasiActivity!;
    if (activity >= settings.cdasiActivityMin && activity - reference >= settings.cdasiActivityRise) {
      found.push([event, { criterion: "cdasi-activity", value: activity, reference }]);
    }
  });
  return found;
}

/**
 * Muscle flare by CK: ×ULN (against that result's own upper limit; results without one are skipped)
 * ≥ ckTimesUlnMin and at least ckRiseFactor × the lowest ×ULN of the reference period. With no CK
 * in the reference period (an older CK is too stale to compare with), ≥ ckTimesUlnWithoutReference.
 * A result printed as "< x" is only an upper bound: it can serve as a reference, never as a flare.
 */
function ckFlares(results: EventOfKind<"lab_result">[], settings: AlertSettings): Found<EventOfKind<"lab_result">> {
  const withUln: { event: EventOfKind<"lab_result">; point: SeriesPoint }[] = [];
  for (const event of results) {
    const times = timesUpperLimit(event.payload.value, event.payload.referenceRange);
    if (times !== undefined) withUln.push({ event, point: point(event, times) });
  }
  const prior = priorValues(
    withUln.map((item) => item.point),
    settings.ckReferenceDays,
  );
  const found: Found<EventOfKind<"lab_result">> = [];
  withUln.forEach(({ event, point: { value } }, i) => {
    const comparator = event.payload.comparator;
    if (comparator === "<" || comparator === "<=") return;
    if (!atLeast(value, settings.ckTimesUlnMin)) return;
    const reference = prior[i].lowestInWindow;
    const rose = reference === undefined ? atLeast(value, settings.ckTimesUlnWithoutReference) : atLeast(value, settings.ckRiseFactor * reference);
    if (rose) found.push([event, { criterion: "ck", value, reference }]);
  });
  return found;
}

/**
 * Muscle flare by examination: MMT-8 fallen by ≥ mmt8FallPercent of the previous MMT-8 on the same
 * scale; or new proximal weakness, an MRC grade ≤ mrcWeaknessMax when the previous MRC grade was above
 * it or there was none.
 */
function muscleAssessmentFlares(assessments: EventOfKind<"muscle_assessment">[], settings: AlertSettings): Found<EventOfKind<"muscle_assessment">> {
  const found: Found<EventOfKind<"muscle_assessment">> = [];
  const previousMmt8 = new Map<80 | 150, number>();
  let previousMrc: number | undefined;
  forEachDate(assessments, (group) => {
    for (const event of group) {
      const { mmt8, proximalWeaknessMrc: mrc } = event.payload;
      const before = mmt8 && previousMmt8.get(mmt8.scale);
      // Whole-number arithmetic: (before − score) / before ≥ percent / 100.
      if (mmt8 && before && (before - mmt8.score) * 100 >= settings.mmt8FallPercent * before) {
        found.push([event, { criterion: "mmt8-fall", value: mmt8.score, reference: before, scale: mmt8.scale }]);
      }
      if (mrc !== undefined && mrc <= settings.mrcWeaknessMax && (previousMrc === undefined || previousMrc > settings.mrcWeaknessMax)) {
        found.push([event, { criterion: "proximal-weakness", value: mrc, reference: previousMrc }]);
      }
    }
    for (const { payload } of group) {
      if (payload.mmt8) previousMmt8.set(payload.mmt8.scale, payload.mmt8.score);
      if (payload.proximalWeaknessMrc !== undefined) previousMrc = payload.proximalWeaknessMrc;
    }
  });
  return found;
}

function point(event: TimelineEvent, value: number): SeriesPoint {
  return { date: event.occurredAt, day: dayNumber(event.occurredAt), value };
}

/** Calls `visit` with each run of events on the same clinical date, so none is compared with its twin. */
function forEachDate<E extends TimelineEvent>(events: readonly E[], visit: (group: E[]) => void): void {
  let start = 0;
  while (start < events.length) {
    let end = start;
    while (end < events.length && events[end].occurredAt === events[start].occurredAt) end++;
    visit(events.slice(start, end));
    start = end;
  }
}
