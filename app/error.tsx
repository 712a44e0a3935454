"use client";

import { ErrorReport } from "@/app/_components/error-report";

/** A page that fails while rendering on the server shows this inside the app's layout, not Next's default page. */
export default function PageError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorReport {...props} />;
}
