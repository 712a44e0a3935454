import type { AuditOrigin } from "@/lib/audit";
import type { Actor } from "@/lib/auth";
import type { Database } from "@/lib/db";

/** What every service call needs: the database, who is acting, and where the request came from (for the audit trail). */
export interface ServiceContext {
  db: Database;
  actor: Actor;
  origin?: AuditOrigin;
}
