"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * A save redirects here with ?saved=…; the navigation's alert count lives in the layout, which a
 * redirect does not re-render. One refresh brings it up to date without a reload (the page keeps its
 * scroll position and focus).
 */
export function RefreshAfterSave({ saved }: { saved: string }) {
  const router = useRouter();
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (done.current === saved) return;
    done.current = saved;
    router.refresh();
  }, [router, saved]);
  return null;
}
