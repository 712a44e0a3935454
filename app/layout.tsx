import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { signOutAction } from "@/app/_auth/actions";
import { IdleGuard } from "@/app/_auth/idle-guard";
import { currentSession } from "@/app/_server/context";
import { mayAdminister, mayWriteClinical, roleLabel } from "@/lib/auth";
import { SESSION_IDLE_SECONDS } from "@/lib/auth/server";
import { NavAlertCount, NavAlertCountPending } from "@/app/_components/nav-alert-count";
import "./globals.css";

// Every page depends on who is signed in and reads the database, so none is built ahead of time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Flarewatch", template: "%s · Flarewatch" },
  description: "Dermatomyositis activity against tumour status, on one timeline.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const session = await currentSession();
  const signedIn = session.kind === "signed-in" && !session.mustEnrolTwoFactor ? session : null;
  return (
    <html lang="en-GB">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            Flarewatch
          </Link>
          {signedIn ? (
            <>
              <nav aria-label="Main">
                <ul>
                  <li>
                    <Link href="/patients">Patients</Link>
                  </li>
                  <li>
                    <Link href="/alerts">
                      Alerts
                      {/* The count streams in: the header and the page do not wait for it. */}
                      <Suspense fallback={<NavAlertCountPending />}>
                        <NavAlertCount actor={signedIn.actor} />
                      </Suspense>
                    </Link>
                  </li>
                  <li>
                    <Link href="/import">{mayWriteClinical(signedIn.actor) ? "Import and export" : "Export"}</Link>
                  </li>
                  {mayAdminister(signedIn.actor) ? (
                    <li>
                      <Link href="/admin">Admin</Link>
                    </li>
                  ) : null}
                </ul>
              </nav>
              <div className="user-menu">
                <Link href="/account" className="user-name">
                  {signedIn.actor.name} <span className="muted-on-dark">({roleLabel(signedIn.actor.role)})</span>
                </Link>
                <form action={signOutAction}>
                  <button type="submit">Sign out</button>
                </form>
              </div>
            </>
          ) : null}
        </header>
        <main id="main">{children}</main>
        {signedIn ? <IdleGuard idleSeconds={SESSION_IDLE_SECONDS} /> : null}
      </body>
    </html>
  );
}
