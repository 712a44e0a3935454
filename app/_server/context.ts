import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientAddress } from "@/app/api/_http/address";
import type { AuditOrigin } from "@/lib/audit";
import { serviceContext, sessionOfRequest } from "@/lib/auth/requests";
import type { SessionState } from "@/lib/auth/session";
import { getPatient, type ServiceContext } from "@/lib/patients";

/** The client's address (app/api/_http/address.ts: the connection's, or behind trusted proxies the forwarded one) and user agent. */
export function originOf(headerList: Headers): AuditOrigin {
  return { address: clientAddress(headerList), userAgent: headerList.get("user-agent")?.slice(0, 400) ?? undefined };
}

/** The session of the current request, looked up once per request. */
export const currentSession = cache(async (): Promise<SessionState> => {
  return sessionOfRequest(await headers());
});

export async function requestOrigin(): Promise<AuditOrigin> {
  return originOf(await headers());
}

/**
 * The service context of a page or server action. Without a session, the user is sent to sign in
 * and brought back; an admin without a second factor is sent to enrol one first.
 */
export async function requestContext(): Promise<ServiceContext> {
  const session = await currentSession();
  const headerList = await headers();
  if (session.kind !== "signed-in") {
    const next = headerList.get("x-flarewatch-path") ?? "/patients";
    redirect(`/sign-in?next=${encodeURIComponent(next)}${session.reason ? `&reason=${session.reason}` : ""}`);
  }
  if (session.mustEnrolTwoFactor) redirect("/account/two-factor?required=1");
  return serviceContext(session.actor, originOf(headerList));
}

/** Thrown by apiContext; withErrors answers it with 401 (or 403 for an admin who must enrol a second factor). */
export class SignInRequired extends Error {
  constructor(readonly reason: "signed-out" | "idle" | "expired" | "deactivated" | "two-factor-enrolment") {
    super(reason);
  }
}

/** The service context of an API request; the session cookie is the credential. */
export async function apiContext(): Promise<ServiceContext> {
  const session = await currentSession();
  if (session.kind !== "signed-in") throw new SignInRequired(session.reason ?? "signed-out");
  if (session.mustEnrolTwoFactor) throw new SignInRequired("two-factor-enrolment");
  return serviceContext(session.actor, await requestOrigin());
}

/**
 * The patient of the page being rendered, read once per request however many parts of the page
 * (metadata, header, forms) ask: one read, one audit row.
 */
export const requestPatient = cache(async (patientId: string) => getPatient(await requestContext(), patientId));
