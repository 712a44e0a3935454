import type { TargetLesion } from "./lesions";
import { organKey, organLabel } from "./organs";

/** A baseline target lesion with the id later scans follow it by (T1, T2, … when the baseline gave none). */
export interface IdentifiedLesion {
  id: string;
  lesion: TargetLesion;
}

export interface LesionMatch {
  /** Position of the lesion on the scan being assessed. */
  index: number;
  lesion: TargetLesion;
  baselineId: string;
  how: "id" | "organ" | "position";
}

export interface LesionMatching {
  matches: LesionMatch[];
  /** Baseline lesions not measured on this scan. */
  missing: IdentifiedLesion[];
  /** Lesions on this scan that are none of the baseline's target lesions. */
  unknown: { index: number; lesion: TargetLesion }[];
}

/** The baseline's target lesions with their ids: as recorded, else T1, T2, … in the order listed. */
export function identifyBaselineLesions(lesions: readonly TargetLesion[]): IdentifiedLesion[] {
  return lesions.map((lesion, i) => ({ id: lesion.id ?? `T${i + 1}`, lesion }));
}

const describeLesion = (lesion: TargetLesion) => organLabel(lesion) + (lesion.site ? ` ${lesion.site}` : "");

/**
 * Which baseline lesion each lesion of a later scan is. A lesion with an id is that lesion. A lesion
 * without one (older records) is taken as the baseline lesion of the same organ in the same order; the
 * match is returned so that it can be shown. Lesions left over on both sides, when the organ was
 * written differently, are paired in the order listed, and said so.
 */
export function matchToBaseline(baseline: readonly IdentifiedLesion[], lesions: readonly TargetLesion[]): LesionMatching {
  const taken = new Set<string>();
  const matches: LesionMatch[] = [];
  const unknown: LesionMatching["unknown"] = [];
  const pending: { index: number; lesion: TargetLesion }[] = [];
  lesions.forEach((lesion, index) => {
    if (lesion.id === undefined) return pending.push({ index, lesion });
    const found = baseline.find((b) => b.id === lesion.id);
    if (!found || taken.has(found.id)) return unknown.push({ index, lesion });
    taken.add(found.id);
    matches.push({ index, lesion, baselineId: found.id, how: "id" });
  });
  const stillPending: typeof pending = [];
  for (const item of pending) {
    const found = baseline.find((b) => !taken.has(b.id) && organKey(b.lesion) === organKey(item.lesion));
    if (!found) {
      stillPending.push(item);
      continue;
    }
    taken.add(found.id);
    matches.push({ ...item, baselineId: found.id, how: "organ" });
  }
  for (const item of stillPending) {
    const found = baseline.find((b) => !taken.has(b.id));
    if (!found) {
      unknown.push(item);
      continue;
    }
    taken.add(found.id);
    matches.push({ ...item, baselineId: found.id, how: "position" });
  }
  matches.sort((a, b) => a.index - b.index);
  return { matches, missing: baseline.filter((b) => !taken.has(b.id)), unknown };
}

/** "lesion 2 (liver) taken as T2 (liver) by organ and order": how a lesion without an id was matched. */
export function describeMatch(match: LesionMatch, baseline: readonly IdentifiedLesion[]): string | undefined {
  if (match.how === "id") return undefined;
  const target = baseline.find((b) => b.id === match.baselineId);
  const how = match.how === "organ" ? "by organ and order" : "by position (the organ is written differently)";
  return `lesion ${match.index + 1} (${describeLesion(match.lesion)}) taken as ${match.baselineId}${target ? ` (${describeLesion(target.lesion)})` : ""} ${how}`;
}

export function describeIdentified(lesion: IdentifiedLesion): string {
  return `${lesion.id} (${describeLesion(lesion.lesion)})`;
}
