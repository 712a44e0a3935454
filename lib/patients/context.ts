import type { Actor } from "@/lib/auth";
import type { Database } from "@/lib/db";

/** What every service call needs: the database and who is acting. */
export interface ServiceContext {
  db: Database;
  actor: Actor;
}
