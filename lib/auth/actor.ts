export const roles = ["admin", "oncologist", "rheumatologist", "dermatologist", "nurse", "viewer"] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: "Administrator",
  oncologist: "Oncologist",
  rheumatologist: "Rheumatologist",
  dermatologist: "Dermatologist",
  nurse: "Nurse",
  viewer: "Viewer",
};

/** The roles that record and change clinical data. Admins manage users, teams and settings; viewers read. */
export const clinicalRoles: readonly Role[] = ["oncologist", "rheumatologist", "dermatologist", "nurse"];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** The role an actor acts in: a user's role, or "system" for a named task (seed, re-evaluation, an operator's command). */
export const actorRoles = [...roles, "system"] as const;
export type ActorRole = (typeof actorRoles)[number];

/**
 * Who is acting: a signed-in user, or a named system task (seed, scheduled re-evaluation, a command
 * run by an operator). Recorded on every event version and every audit row.
 */
export interface Actor {
  id: string;
  name: string;
  role: ActorRole;
  /** The care teams whose patients this actor may see; "all" only for system tasks. */
  teams: readonly string[] | "all";
}

/** A task run from the command line or at start-up: it sees every patient and is audited by name. */
export function systemActor(task: string): Actor {
  return { id: `system:${task}`, name: `System (${task})`, role: "system", teams: "all" };
}

/** May record and change clinical data (events, alerts acknowledgement, imports). */
export function mayWriteClinical(actor: Actor): boolean {
  return actor.role === "system" || (clinicalRoles as readonly string[]).includes(actor.role);
}

/** May manage users, care teams, alert settings and read the audit trail. */
export function mayAdminister(actor: Actor): boolean {
  return actor.role === "admin" || actor.role === "system";
}

export function roleLabel(role: string): string {
  return isRole(role) ? roleLabels[role] : role === "system" ? "System task" : role;
}
