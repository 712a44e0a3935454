import { todayIn, type ClinicalDate } from "@/lib/events";
import { assertTimeZone } from "@/lib/fhir";

/**
 * The clinic's time zone (IANA name, FLAREWATCH_TIME_ZONE, default UTC). Flarewatch stores times of day
 * as the clinic's wall clock; FHIR needs an offset with each, so import and export convert through it.
 */
export function clinicTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  const zone = env.FLAREWATCH_TIME_ZONE?.trim() || "UTC";
  try {
    assertTimeZone(zone);
  } catch {
    throw new Error(`FLAREWATCH_TIME_ZONE=${zone} is not a time zone this runtime knows (use an IANA name such as Europe/London)`);
  }
  return zone;
}

/** Today in the clinic's time zone: events dated after it are not yet considered. */
export function clinicToday(): ClinicalDate {
  return todayIn(clinicTimeZone());
}
