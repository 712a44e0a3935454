import type { Metadata } from "next";
import Link from "next/link";
import { requestContext } from "@/app/_server/context";
import { activeAlertCounts } from "@/lib/patients";
import "./globals.css";

// Every page reads the database (the alert counts in the navigation), so none is built ahead of time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Flarewatch", template: "%s · Flarewatch" },
  description: "Dermatomyositis activity against tumour status, on one timeline.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const counts = await activeAlertCounts(await requestContext());
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
          <nav aria-label="Main">
            <ul>
              <li>
                <Link href="/patients">Patients</Link>
              </li>
              <li>
                <Link href="/alerts">
                  Alerts
                  <span className={`nav-count${counts.high > 0 ? " high" : ""}`} aria-label={`${counts.open} open, ${counts.high} high priority`}>
                    {counts.open}
                  </span>
                </Link>
              </li>
              <li>
                <Link href="/import">Import and export</Link>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
