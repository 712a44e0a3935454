export const roles = ["admin", "oncologist", "rheumatologist", "dermatologist", "nurse", "viewer"] as const;
export type Role = (typeof roles)[number];

/** Who is acting: recorded on every event version. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/**
 * Until sign-in exists every request acts as this clinician, so that every record still says who
 * entered it. Replaced by the signed-in user when authentication lands.
 */
export const unauthenticatedClinician: Actor = { id: "local-clinician", name: "Local clinician", role: "oncologist" };
