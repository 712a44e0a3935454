import type { Metadata } from "next";
import { redirect } from "next/navigation";
import "@/app/_components/data-entry.css";
import { TwoFactorEnrolment } from "@/app/_auth/account-forms";
import { currentSession } from "@/app/_server/context";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ required?: string }> }) {
  const session = await currentSession();
  if (session.kind !== "signed-in") redirect("/sign-in?next=/account/two-factor");
  const { required } = await searchParams;
  return (
    <div className="form-page">
      <h1>Two-factor sign-in</h1>
      {required || session.mustEnrolTwoFactor ? (
        <p className="notice" role="status">
          Administrators must use a second factor. Set up an authenticator app to continue.
        </p>
      ) : (
        <p>With a second factor, a stolen password is not enough to sign in as you: you will also enter a code from your phone.</p>
      )}
      {session.twoFactorEnabled ? <p>Two-factor sign-in is already on. Setting it up again replaces the key on your current phone.</p> : null}
      <TwoFactorEnrolment />
    </div>
  );
}
