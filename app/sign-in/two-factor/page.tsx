import type { Metadata } from "next";
import "@/app/_components/data-entry.css";
import { SecondFactorForm } from "@/app/_auth/forms";
import { safeNext } from "@/app/_auth/next-path";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <div className="form-page auth-page">
      <h1>Enter your sign-in code</h1>
      <p>Your password was accepted. Open your authenticator app and enter the current code for Flarewatch.</p>
      <SecondFactorForm next={safeNext(next)} />
      <p className="muted small">
        Lost your phone? Ask an administrator to remove your second factor. <a href="/sign-in">Start again</a>
      </p>
    </div>
  );
}
