import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { twoFactor } from "better-auth/plugins";
import type { Database } from "@/lib/db";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password";

/** Sessions end 30 minutes after the last request, and 12 hours after sign-in whatever happens. */
export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
/**
 * Better Auth keeps the session row and its cookie a day beyond the 12 hours, so that lib/auth/session.ts,
 * not Better Auth's silent expiry, ends it and can tell the user why ("your session reached its 12-hour limit").
 */
const SESSION_ROW_SECONDS = SESSION_ABSOLUTE_SECONDS + 24 * 60 * 60;

async function installSecret(db: Database): Promise<string> {
  const fromEnv = process.env.BETTER_AUTH_SECRET;
  if (fromEnv && fromEnv.length >= 32) return fromEnv;
  // Generated once per install and kept in the database, so an embedded install needs no setup
  // and every server of a PostgreSQL install signs cookies alike.
  await db.prisma.installSetting.upsert({
    where: { key: "auth-secret" },
    create: { key: "auth-secret", value: randomBytes(32).toString("base64url") },
    update: {},
  });
  const row = await db.prisma.installSetting.findUniqueOrThrow({ where: { key: "auth-secret" } });
  return row.value;
}

function createAuth(db: Database, secret: string) {
  const publicUrl = process.env.FLAREWATCH_PUBLIC_URL;
  return betterAuth({
    appName: "Flarewatch",
    secret,
    ...(publicUrl ? { baseURL: publicUrl } : {}),
    database: prismaAdapter(db.prisma, { provider: "postgresql" }),
    // Accounts are created by admins (lib/auth/users.ts); nobody can sign themselves up.
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      revokeSessionsOnPasswordReset: true,
    },
    session: {
      // Never extended (updateAge = expiresIn). The 12-hour and idle limits are lib/auth/session.ts.
      expiresIn: SESSION_ROW_SECONDS,
      updateAge: SESSION_ROW_SECONDS,
      cookieCache: { enabled: false },
    },
    user: {
      additionalFields: {
        role: { type: "string", required: true, input: false },
        active: { type: "boolean", required: false, defaultValue: true, input: false },
      },
    },
    databaseHooks: {
      session: {
        create: {
          // A deactivated account gets no session, whatever path created it.
          before: async (session) => {
            const user = await db.prisma.user.findUnique({ where: { id: session.userId }, select: { active: true } });
            return user?.active ? { data: session } : false;
          },
        },
      },
    },
    // Guessing is slowed and refused per account and per address by lib/auth/sign-in.ts, in the database,
    // so it holds across servers; the HTTP handler is not mounted, so Better Auth's limiter never sees a request.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    // The HTTP handler is not mounted (every call is server-side), so the base-URL warning does not apply.
    logger: { level: "error" },
    advanced: {
      cookiePrefix: "flarewatch",
      useSecureCookies: publicUrl ? publicUrl.startsWith("https://") : false,
      // Lax, not strict: a link to a patient from the EHR or an email opens signed in. Cross-site
      // writes are refused by the Origin check (route handlers) and Next's own (server actions).
      defaultCookieAttributes: { sameSite: "lax", httpOnly: true },
      database: { generateId: () => randomUUID() },
    },
    plugins: [twoFactor({ issuer: "Flarewatch", skipVerificationOnEnable: false }), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const instances = new WeakMap<Database, Promise<Auth>>();
const secrets = new WeakMap<Database, Promise<string>>();

/** The install's signing key: Better Auth also encrypts second-factor secrets with it. */
export function authSecretFor(db: Database): Promise<string> {
  let secret = secrets.get(db);
  if (!secret) {
    secret = installSecret(db);
    secrets.set(db, secret);
  }
  return secret;
}

/** The Better Auth instance bound to one database (the app's, or a test's). */
export function authFor(db: Database): Promise<Auth> {
  let auth = instances.get(db);
  if (!auth) {
    auth = authSecretFor(db).then((secret) => createAuth(db, secret));
    instances.set(db, auth);
  }
  return auth;
}
