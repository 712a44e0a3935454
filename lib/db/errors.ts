import "server-only";
import { Prisma } from "@prisma/client";

/**
 * A unique constraint refused the write. The pg adapter surfaces it as Prisma's P2002; the PGlite
 * adapter passes PostgreSQL's own error through (SQLSTATE 23505) as a DriverAdapterError.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  const cause = (error as { cause?: { code?: string; originalCode?: string } } | null)?.cause;
  return cause?.code === "23505" || cause?.originalCode === "23505" || (error as { code?: string } | null)?.code === "23505";
}
