import "server-only";
import type { AuditOrigin } from "@/lib/audit";
import { getDatabase, type Database } from "@/lib/db";
import type { ServiceContext } from "@/lib/patients/context";
import type { Actor } from "./actor";
import { sessionFromHeaders } from "./session";
import { changePassword, confirmTwoFactorEnrolment, signInWithPassword, signOut, startTwoFactorEnrolment, verifySecondFactor } from "./sign-in";

/**
 * The door from `app/` to the app's database: pages, server actions and route handlers get a service
 * context, or call the sign-in services, from here, and never import lib/db themselves (an ESLint rule
 * in eslint.config.mjs keeps it so). Tests call the services with a database of their own instead.
 */

/** Binds a service whose first argument is the database to the app's database. */
function onAppDatabase<A extends unknown[], R>(service: (db: Database, ...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => service(await getDatabase(), ...args);
}

/** The context every service takes: the app's database, who acts, and from where (for the audit row). */
export async function serviceContext(actor: Actor, origin?: AuditOrigin): Promise<ServiceContext> {
  return { db: await getDatabase(), actor, origin };
}

export const sessionOfRequest = onAppDatabase(sessionFromHeaders);
export const passwordSignIn = onAppDatabase(signInWithPassword);
export const secondFactorSignIn = onAppDatabase(verifySecondFactor);
export const endSession = onAppDatabase(signOut);
export const beginTwoFactorEnrolment = onAppDatabase(startTwoFactorEnrolment);
export const finishTwoFactorEnrolment = onAppDatabase(confirmTwoFactorEnrolment);
export const changeOwnPassword = onAppDatabase(changePassword);
