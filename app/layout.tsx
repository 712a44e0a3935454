import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Flarewatch", template: "%s · Flarewatch" },
  description: "Dermatomyositis activity against tumour status, on one timeline.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
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
              <li><Link href="/import">Import and export</Link></li>
            </ul>
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
