import { isKind, type ClinicalDate, type EventOfKind, type SkinSign, type TimelineEvent } from "@/lib/events";
import { currentEvents } from "./events";

/** One scored observation: which event it came from, when, and the score as recorded. */
export interface ActivityPoint {
  eventId: string;
  date: ClinicalDate;
  value: number;
}

export interface SkinGradePoint extends ActivityPoint {
  signs: SkinSign[];
}

/** MMT-8 keeps its scale: 0–80 (unilateral) and 0–150 (bilateral) scores are not comparable. */
export interface Mmt8Point extends ActivityPoint {
  scale: 80 | 150;
}

type Skin = EventOfKind<"skin_assessment">;
type Muscle = EventOfKind<"muscle_assessment">;

// The *From functions take assessments already reduced to current versions (see activitySeries); the
// exported series functions accept any event list and do that reduction themselves.
export const skinGradeFrom = (skin: Skin[]): SkinGradePoint[] =>
  skin.map((e) => ({ eventId: e.id, date: e.occurredAt, value: e.payload.grade, signs: [...e.payload.signs] }));
export const cdasiActivityFrom = (skin: Skin[]): ActivityPoint[] =>
  skin.flatMap((e) => (e.payload.cdasiActivity === undefined ? [] : [{ eventId: e.id, date: e.occurredAt, value: e.payload.cdasiActivity }]));
export const mmt8From = (muscle: Muscle[]): Mmt8Point[] =>
  muscle.flatMap((e) => (e.payload.mmt8 === undefined ? [] : [{ eventId: e.id, date: e.occurredAt, value: e.payload.mmt8.score, scale: e.payload.mmt8.scale }]));
export const proximalWeaknessFrom = (muscle: Muscle[]): ActivityPoint[] =>
  muscle.flatMap((e) => (e.payload.proximalWeaknessMrc === undefined ? [] : [{ eventId: e.id, date: e.occurredAt, value: e.payload.proximalWeaknessMrc }]));

const skinOf = (events: readonly TimelineEvent[]) => currentEvents(events).filter(isKind("skin_assessment"));
const muscleOf = (events: readonly TimelineEvent[]) => currentEvents(events).filter(isKind("muscle_assessment"));

/** Skin severity grade 0–4 (Flarewatch's quick clinician grade, DOMAIN.md), with the signs seen. */
export function skinGradeSeries(events: readonly TimelineEvent[]): SkinGradePoint[] {
  return skinGradeFrom(skinOf(events));
}

/** CDASI activity 0–100, from the skin assessments that recorded it. */
export function cdasiActivitySeries(events: readonly TimelineEvent[]): ActivityPoint[] {
  return cdasiActivityFrom(skinOf(events));
}

export function mmt8Series(events: readonly TimelineEvent[]): Mmt8Point[] {
  return mmt8From(muscleOf(events));
}

/** MRC grade 0–5 of the weakest proximal group (lower is weaker). */
export function proximalWeaknessSeries(events: readonly TimelineEvent[]): ActivityPoint[] {
  return proximalWeaknessFrom(muscleOf(events));
}
