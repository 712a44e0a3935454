import "server-only";
import type { SignInResult } from "@/lib/auth/sign-in";
import { problem } from "./problem";

/** Answers a sign-in attempt: 200 signed in (cookie set), 200 second factor needed, 401 wrong, 429 locked. */
export function signInResponse(result: SignInResult): Response {
  switch (result.kind) {
    case "signed-in":
      return Response.json({ signedIn: true });
    case "two-factor":
      return Response.json({ signedIn: false, twoFactorRequired: true, next: "POST /api/v1/session/two-factor with {\"code\": \"123456\"}" });
    case "locked": {
      const response = problem(429, "Too many failed sign-ins", result.message);
      response.headers.set("retry-after", String(result.retryAfterSeconds));
      return response;
    }
    case "failed":
      return problem(401, "Sign-in failed", result.message);
  }
}

