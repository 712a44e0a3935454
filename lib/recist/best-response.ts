import { compareClinicalDates, daysBetween, formatClinicalDate, recistResponseNames, type ClinicalDate, type RecistResponse } from "@/lib/events";
import { defaultRecistSettings, type LineStart, type RecistSettings, type ScanInCourse } from "./course";

export interface BestResponse {
  /** The line of therapy; undefined when no treatment line is recorded. */
  line?: number;
  regimen?: string;
  baselineDate?: ClinicalDate;
  response: RecistResponse;
  /** For CR and PR: confirmed by a later assessment at least 4 weeks after. */
  confirmed: boolean;
  /** A CR or PR seen once and not (yet) confirmed, when it is better than the best confirmed response. */
  unconfirmed?: "CR" | "PR";
  /** The scan that gave the response, and the one that confirmed it. */
  eventId?: string;
  confirmedBy?: string;
  rule: string;
}

const rank: Record<RecistResponse, number> = { CR: 4, PR: 3, SD: 2, PD: 1, NE: 0 };

/**
 * Best overall response of each line, with confirmation (RECIST 1.1 §4.4.3 and Table 3, §4.6): CR
 * needs a later CR at least 4 weeks after; PR a later PR or CR at least 4 weeks after; an unconfirmed
 * CR or PR counts as SD, and SD counts only at least the minimum interval after the line's start
 * (a setting); otherwise PD if progression was seen, else NE. Assessments after the first PD of a
 * line do not count. The line starts at its first cycle, or at its baseline when no cycle is recorded.
 */
export function bestResponseByLine(course: ReadonlyMap<string, ScanInCourse>, lines: readonly LineStart[] = [], settings: RecistSettings = defaultRecistSettings): BestResponse[] {
  const scans = [...course.values()].sort((a, b) => compareClinicalDates(a.date, b.date));
  const groups = new Map<string, { line?: number; baselineDate?: ClinicalDate; assessed: ScanInCourse[] }>();
  for (const scan of scans) {
    if (scan.role === "baseline" || (scan.role === "baseline-and-assessment" && scan.opensLine !== undefined)) {
      const line = scan.role === "baseline" ? scan.line : scan.opensLine;
      const key = `${line ?? "?"}`;
      if (!groups.has(key)) groups.set(key, { line, baselineDate: scan.date, assessed: [] });
    }
    if ((scan.role === "assessment" || scan.role === "baseline-and-assessment") && scan.assessment) {
      const key = `${scan.line ?? "?"}`;
      const group = groups.get(key) ?? { line: scan.line, baselineDate: scan.baselineDate, assessed: [] };
      groups.set(key, group);
      group.assessed.push(scan);
    }
  }
  return [...groups.values()].map((group) => {
    const start = lines.find((l) => l.line === group.line);
    const lineStart = start?.date ?? group.baselineDate;
    const firstPd = group.assessed.findIndex((s) => s.assessment!.response === "PD");
    const counted = firstPd < 0 ? group.assessed : group.assessed.slice(0, firstPd + 1);
    const base = { line: group.line, regimen: start?.regimen, baselineDate: group.baselineDate };
    return { ...base, ...best(counted, lineStart, settings) };
  });
}

function best(assessed: readonly ScanInCourse[], lineStart: ClinicalDate | undefined, settings: RecistSettings): Omit<BestResponse, "line" | "regimen" | "baselineDate"> {
  const confirming = (from: ScanInCourse, accepts: RecistResponse[]) =>
    assessed.find((later) => daysBetween(from.date, later.date) >= settings.confirmationDays && accepts.includes(later.assessment!.response));
  for (const [response, accepts] of [
    ["CR", ["CR"]],
    ["PR", ["PR", "CR"]],
  ] as const) {
    for (const scan of assessed.filter((s) => (response === "PR" ? ["PR", "CR"] : ["CR"]).includes(s.assessment!.response))) {
      const by = confirming(scan, [...accepts]);
      if (by) {
        return {
          response,
          confirmed: true,
          eventId: scan.id,
          confirmedBy: by.id,
          rule: `${response} on ${formatClinicalDate(scan.date)}, confirmed on ${formatClinicalDate(by.date)} (at least ${settings.confirmationDays / 7} weeks later)`,
        };
      }
    }
  }
  const unconfirmed = assessed
    .map((s) => s.assessment!.response)
    .filter((r): r is "CR" | "PR" => r === "CR" || r === "PR")
    .sort((a, b) => rank[b] - rank[a])[0];
  const weeks = Math.round(settings.sdMinimumDays / 7);
  const sd = assessed.find((s) => ["CR", "PR", "SD"].includes(s.assessment!.response) && (lineStart === undefined || daysBetween(lineStart, s.date) >= settings.sdMinimumDays));
  const pending = unconfirmed ? { unconfirmed } : {};
  if (sd) {
    const seen = sd.assessment!.response === "SD" ? "SD" : `${sd.assessment!.response} not confirmed, so SD`;
    return { response: "SD", confirmed: false, eventId: sd.id, ...pending, rule: `${seen} on ${formatClinicalDate(sd.date)}, at least ${weeks} weeks after the line started` };
  }
  const pd = assessed.find((s) => s.assessment!.response === "PD");
  if (pd) return { response: "PD", confirmed: false, eventId: pd.id, ...pending, rule: `progression on ${formatClinicalDate(pd.date)} before ${weeks} weeks of stable disease` };
  const early = assessed.find((s) => s.assessment!.response !== "NE");
  return {
    response: "NE",
    confirmed: false,
    ...pending,
    rule: early
      ? `${early.assessment!.response} on ${formatClinicalDate(early.date)} is too early to count (${recistResponseNames.SD} needs ${weeks} weeks from the line's start)`
      : "no evaluable assessment yet",
  };
}

/** "PR (confirmed)", "SD (PR unconfirmed)": a best response as a reader sees it. */
export function formatBestResponse(best: BestResponse): string {
  const confirmed = best.confirmed ? " (confirmed)" : best.unconfirmed ? ` (${best.unconfirmed} unconfirmed)` : "";
  return `${best.response}${confirmed}`;
}
