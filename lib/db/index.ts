import "server-only";
export { getDatabase, openDatabase, openPGlite, openPostgres, type Database } from "./client";
export { databaseTargetFromEnv, describeTarget, type DatabaseTarget } from "./config";
export { DatabaseLockedError } from "./lock";
export type { SqlRunner } from "./migrate";
export { isUniqueViolation } from "./errors";
