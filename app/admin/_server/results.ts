import "server-only";
import { notFound } from "next/navigation";
import type { Result } from "@/lib/patients";

/**
 * The value of an admin service's answer on a page. A non-administrator is refused by the service
 * itself; the page then answers 404, so the admin screens do not even show that they exist.
 */
export function adminValue<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  if (result.error.kind === "forbidden" || result.error.kind === "not_found") notFound();
  throw new Error(`admin page: unexpected ${result.error.kind}: ${result.error.message}`);
}
