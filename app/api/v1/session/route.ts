import { headers } from "next/headers";
import { currentSession, originOf } from "@/app/_server/context";
import { problem, readJson, withErrors } from "@/app/api/_http/problem";
import { roleLabel } from "@/lib/auth";
import { endSession, passwordSignIn } from "@/lib/auth/requests";
import { signInResponse } from "@/app/api/_http/sign-in";

export const dynamic = "force-dynamic";

/** Who is signed in, and until when (also keeps an active session alive: see IdleGuard). */
export const GET = withErrors(async () => {
  const session = await currentSession();
  if (session.kind !== "signed-in") return problem(401, "Not signed in", session.reason === "idle" ? "Your session ended after 30 minutes without activity." : "Sign in with POST /api/v1/session.");
  return Response.json({
    user: { id: session.actor.id, name: session.actor.name, email: session.email, role: session.actor.role, roleLabel: roleLabel(session.actor.role) },
    teams: session.actor.teams,
    twoFactorEnabled: session.twoFactorEnabled,
    mustEnrolTwoFactor: session.mustEnrolTwoFactor,
    expiresAt: session.expiresAt.toISOString(),
  });
});

/** Sign in with {"email", "password"}; the session cookie comes back in Set-Cookie. */
export const POST = withErrors(async (request: Request) => {
  const body = await readJson(request, 10_000);
  if (!body.ok) return body.response;
  const input = body.body as { email?: unknown; password?: unknown } | null;
  if (!input || typeof input !== "object" || typeof input.email !== "string" || typeof input.password !== "string") {
    return problem(422, "Invalid input", "Send {\"email\": \"…\", \"password\": \"…\"}.", {
      ...(typeof input?.email !== "string" ? { email: ["Enter your email address"] } : {}),
      ...(typeof input?.password !== "string" ? { password: ["Enter your password"] } : {}),
    });
  }
  const headerList = await headers();
  return signInResponse(await passwordSignIn({ email: input.email, password: input.password }, headerList, originOf(headerList)));
});

/** Sign out: the session ends on the server, and the cookie is cleared. */
export const DELETE = withErrors(async () => {
  const headerList = await headers();
  const session = await currentSession();
  await endSession(session.kind === "signed-in" ? session : null, headerList, originOf(headerList), headerList.get("x-flarewatch-reason") === "idle" ? "idle for 30 minutes" : "signed out");
  return new Response(null, { status: 204 });
});
