"use client";

import { ErrorReport } from "@/app/_components/error-report";
import "./globals.css";

/** When the root layout itself fails (no header, no session): the same report, in a page of its own. */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en-GB">
      <head>
        <title>Error: Flarewatch</title>
      </head>
      <body>
        <main id="main">
          <ErrorReport {...props} />
        </main>
      </body>
    </html>
  );
}
