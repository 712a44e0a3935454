import { headers } from "next/headers";
import { originOf } from "@/app/_server/context";
import { problem, readJson, withErrors } from "@/app/api/_http/problem";
import { secondFactorSignIn } from "@/lib/auth/requests";
import { signInResponse } from "@/app/api/_http/sign-in";

export const dynamic = "force-dynamic";

/** The second step of signing in to an account with TOTP: {"code": "123456"}. */
export const POST = withErrors(async (request: Request) => {
  const body = await readJson(request, 10_000);
  if (!body.ok) return body.response;
  const input = body.body as { code?: unknown } | null;
  if (!input || typeof input !== "object" || typeof input.code !== "string") return problem(422, "Invalid input", "Send {\"code\": \"123456\"}.", { code: ["Enter the 6-digit code"] });
  const headerList = await headers();
  return signInResponse(await secondFactorSignIn({ code: input.code }, headerList, originOf(headerList)));
});
