import { z } from "zod";
import { isClinicalDate } from "./dates";

export const sexes = ["female", "male", "other", "unknown"] as const;

export const patientInput = z.object({
  /** The hospital's identifier (MRN), unique in this install. */
  identifier: z
    .string({ error: "Enter the hospital identifier" })
    .trim()
    .min(1, { error: "Enter the hospital identifier" })
    .max(64, { error: "Keep the identifier under 64 characters" })
    .regex(/^[A-Za-z0-9._\-/]+$/, { error: "Use letters, digits and . _ - / only in the identifier" }),
  familyName: z.string({ error: "Enter the family name" }).trim().min(1, { error: "Enter the family name" }).max(100),
  givenName: z.string({ error: "Enter the given name" }).trim().min(1, { error: "Enter the given name" }).max(100),
  sex: z.enum(sexes, { error: "Choose female, male, other or unknown" }),
  birthDate: z
    .string()
    .trim()
    .refine((v) => v.length === 10 && isClinicalDate(v), { error: "Enter the birth date as YYYY-MM-DD" })
    .optional(),
  /** The care teams that will see the patient; may be left out when the person entering belongs to one team. */
  teamIds: z.array(z.uuid({ error: "Choose a care team from the list" }), { error: "Choose a care team from the list" }).max(20).optional(),
});

export type PatientInput = z.infer<typeof patientInput>;

export interface Patient {
  id: string;
  identifier: string;
  /** The identifier's namespace (FHIR Identifier.system) when an import gave one. */
  identifierSystem?: string;
  familyName: string;
  givenName: string;
  sex: (typeof sexes)[number];
  birthDate?: string;
  createdAt: string;
  createdBy: string;
  /** The care teams the patient belongs to (on single-patient reads). */
  teams?: { id: string; name: string }[];
  /** Corrections of the demographics, latest first, as the audit trail recorded them (on single-patient reads). */
  changes?: { at: string; by: string; detail: string }[];
}

export interface PatientSummary extends Patient {
  eventCount: number;
  lastEventAt?: string;
  cancer?: string;
}

/** The name the demo-data loader (`npm run db:seed`) records its patients and events under. */
export const demoDataRecorder = "Demo data";

/**
 * A patient the demo-data loader created: its values are synthetic (the cohort) or partly
 * illustrative (the reference case), so pages mark it. Known from who created the record, not from
 * its identifier, which a hospital's own numbering could match; a copy imported by a user is not
 * marked, but carries the reference case's own "Demo data" note.
 */
export function isDemoPatient(patient: Pick<Patient, "createdBy">): boolean {
  return patient.createdBy === demoDataRecorder;
}

export function patientDisplayName(patient: Pick<Patient, "familyName" | "givenName">): string {
  return `${patient.familyName.toUpperCase()}, ${patient.givenName}`;
}

/** Age in whole years on a given day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [y, m, d] = day.slice(0, 10).split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
