import { describe, expect, it } from "vitest";
import { defaultAlertSettings, evaluateScreening } from "@/lib/alerts";
import { addDays, type TimelineEvent } from "@/lib/events";
import { screeningPlan } from "@/lib/screening";
import { generateCohort } from "./cohort";

/**
 * The "DM without a cancer found" courses exercise cancer screening (issue 11): each risk category,
 * screening done and screening overdue. Read a year after onset and four years after it, whatever
 * dates the cohort is given (everything is relative to the onset).
 */
const asTimeline = (events: ReturnType<typeof generateCohort>[number]["events"]): TimelineEvent[] =>
  events.map((event, i) => ({ ...event, id: `e${i}`, versionId: `e${i}@1`, version: 1, status: "final", patientId: "p", datePrecision: "day", recordedAt: "2026-01-01T00:00:00Z", recordedBy: "seed", recordedRole: "clinician" }) as TimelineEvent);

describe("demo cohort: DM without a cancer found", () => {
  const dmOnly = generateCohort({ patients: 40, eventsPerPatient: 60 }).filter((p) => p.course === "dm-without-cancer");

  it("has all three risk categories, screening done and screening overdue", () => {
    expect(dmOnly).toHaveLength(4);
    const plans = dmOnly.map((p) => {
      const events = asTimeline(p.events);
      const onset = events.find((e) => e.kind === "diagnosis")!.occurredAt;
      const today = addDays(onset, 4 * 365);
      return { plan: screeningPlan({ id: "p", birthDate: p.patient.birthDate }, events, defaultAlertSettings, today), alerts: evaluateScreening({ id: "p", birthDate: p.patient.birthDate }, events, defaultAlertSettings, today) };
    });
    expect(plans.map(({ plan }) => plan.risk?.category)).toEqual(["high", "moderate", "standard", "high"]);
    const statuses = plans.map(({ plan }) => plan.rounds.flatMap((r) => r.items.filter((i) => i.required).map((i) => i.status)));
    expect(statuses[0]).toContain("overdue");
    expect(statuses[0]).toContain("done");
    expect(statuses[1]).toContain("overdue");
    expect(statuses[2]).toContain("overdue");
    expect(statuses[3].every((s) => s === "done")).toBe(true);
    expect(plans[3].plan.state).toBe("completed");
    expect(plans[0].alerts.some((a) => a.ruleId === "screening-overdue" && a.status === "open")).toBe(true);
    expect(plans[3].alerts.every((a) => a.status === "resolved")).toBe(true);
  });
});
