import type { ClinicalDate } from "@/lib/events";
import { extension, system } from "./codes";
import { toFhirDateTime } from "./datetime";
import type { Flag, Patient } from "@medplum/fhirtypes";
import type { BundleEntry, Extension, Reference } from "./types";

/**
 * Alerts as FHIR R4 Flags (FHIR.md, "alert (export only)"). Export only: on import a Flag is ignored,
 * because alerts are re-derived from the imported events by the rules in force there.
 */

/** What a Flag says about an alert: the rule, its state, the flare episode and the events behind it. */
export interface FlagAlert {
  /** The alert's UUID: the entry's fullUrl. */
  id: string;
  /** Stable across re-evaluations: the Flag's identifier. */
  key: string;
  ruleId: string;
  status: "open" | "acknowledged" | "resolved" | "dismissed" | "withdrawn";
  priority: "high" | "normal";
  /** First flare finding: Flag.period.start. */
  episodeStart: ClinicalDate;
  /** Logical ids of the flare events. */
  evidence: readonly string[];
  reason: string;
  /** When it stopped being active: the resolving imaging's date, or the day a clinician dismissed it. */
  endedAt?: ClinicalDate;
}

/** Open and acknowledged alerts still ask for something; resolved and dismissed ones do not. */
export const flagStatus = (status: FlagAlert["status"]): "active" | "inactive" => (status === "open" || status === "acknowledged" ? "active" : "inactive");

/**
 * One alert as a Flag. `evidenceUrls` maps an event id to its fullUrl in the same bundle; evidence not
 * in it (an event since entered in error) is left out rather than pointing nowhere.
 */
export function alertFlag(alert: FlagAlert, subject: Reference<Patient>, evidenceUrls: ReadonlyMap<string, string>, timeZone = "UTC"): Flag {
  const evidence = alert.evidence.flatMap((id) => {
    const url = evidenceUrls.get(id);
    return url ? [{ url: extension.alertEvidence, valueReference: { reference: url } } satisfies Extension] : [];
  });
  return {
    resourceType: "Flag",
    extension: [{ url: extension.alertPriority, valueCoding: { system: system.alertPriority, code: alert.priority } }, ...evidence],
    identifier: [{ system: system.alertIdentifier, value: alert.key }],
    status: flagStatus(alert.status),
    code: { coding: [{ system: system.alertRule, code: alert.ruleId }], text: alert.reason },
    subject,
    period: { start: toFhirDateTime(alert.episodeStart, timeZone), ...(alert.endedAt ? { end: toFhirDateTime(alert.endedAt, timeZone) } : {}) },
  };
}

/** Bundle entries for a patient's alerts, to pass to `courseBundle` as its further entries. */
export function alertFlagEntries(alerts: readonly FlagAlert[], subject: Reference<Patient>, evidenceUrls: ReadonlyMap<string, string>, timeZone = "UTC"): BundleEntry[] {
  return alerts.map((alert) => ({
    fullUrl: `urn:uuid:${alert.id}`,
    resource: alertFlag(alert, subject, evidenceUrls, timeZone),
  }));
}
