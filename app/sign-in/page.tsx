import type { Metadata } from "next";
import { redirect } from "next/navigation";
import "@/app/_components/data-entry.css";
import { SignInForm } from "@/app/_auth/forms";
import { safeNext } from "@/app/_auth/next-path";
import { currentSession } from "@/app/_server/context";

export const metadata: Metadata = { title: "Sign in" };

const reasons: Record<string, string> = {
  idle: "You were signed out after 30 minutes without activity, to protect patient data on an unattended screen.",
  expired: "Your session reached its 12-hour limit. Sign in again to continue.",
  "signed-out": "You have signed out.",
  deactivated: "This account has been deactivated. Ask an administrator if you need access.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; reason?: string }> }) {
  const { next, reason } = await searchParams;
  const target = safeNext(next);
  const session = await currentSession();
  if (session.kind === "signed-in") redirect(target);
  return (
    <div className="form-page auth-page">
      <h1>Sign in to Flarewatch</h1>
      {reason && reasons[reason] ? (
        <p className="notice" role="status">
          {reasons[reason]}
        </p>
      ) : null}
      <SignInForm next={target} />
      <p className="muted small">Accounts are created by your Flarewatch administrator, who can also reset a forgotten password.</p>
    </div>
  );
}
