import { systemActor } from "@/lib/auth";
import type { ServiceContext } from "./context";
import type { Result } from "./result";

/** For service tests: the value of a successful result, or a failure that says what came back instead. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Every stored event version, to show that a refused write left nothing behind. */
export async function eventCount(ctx: ServiceContext): Promise<number> {
  const [row] = await ctx.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Event"`);
  return Number(row.n);
}

/** The actor of service tests that are not about access: a system task, which sees every patient. */
export const testActor = systemActor("vitest");
