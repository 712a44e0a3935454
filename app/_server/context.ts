import "server-only";
import { unauthenticatedClinician } from "@/lib/auth";
import { getDatabase } from "@/lib/db";
import type { ServiceContext } from "@/lib/patients";

/** The service context of the current request. */
export async function requestContext(): Promise<ServiceContext> {
  return { db: await getDatabase(), actor: unauthenticatedClinician };
}
