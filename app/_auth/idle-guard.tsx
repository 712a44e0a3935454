"use client";

import { useCallback, useEffect, useRef, useState } from "react";

const ACTIVITY_KEY = "flarewatch:last-activity";
const HEARTBEAT_MS = 5 * 60_000;

/**
 * Signs out an unattended screen. The server ends a session after 30 minutes without a request;
 * this keeps the two in step: typing or clicking counts as activity (shared between tabs through
 * localStorage) and, while someone is active, a light request every 5 minutes tells the server so —
 * a long note being typed is never lost to a silent expiry. Two minutes before the limit a warning
 * offers to stay signed in; at the limit the session is ended on the server and the page goes to sign-in.
 */
export function IdleGuard({ idleSeconds, warnSeconds = 120 }: { idleSeconds: number; warnSeconds?: number }) {
  // Set when the guard mounts (below); 0 until then.
  const lastActivity = useRef(0);
  const lastHeartbeat = useRef(0);
  const [remaining, setRemaining] = useState<number | null>(null);
  const signingOut = useRef(false);

  const noteActivity = useCallback(() => {
    const now = Date.now();
    if (now - lastActivity.current < 1000) return;
    lastActivity.current = now;
    try {
      localStorage.setItem(ACTIVITY_KEY, String(now));
    } catch {
      // Storage may be unavailable (private mode); this tab still counts its own activity.
    }
  }, []);

  const heartbeat = useCallback(async () => {
    lastHeartbeat.current = Date.now();
    const response = await fetch("/api/v1/session", { credentials: "same-origin", cache: "no-store" }).catch(() => null);
    // A full page load, not a client navigation: nothing of the record stays in the router's cache.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    if (response && response.status === 401) window.location.assign("/sign-in?reason=idle");
  }, []);

  useEffect(() => {
    lastActivity.current = Math.max(lastActivity.current, Date.now());
    lastHeartbeat.current = Math.max(lastHeartbeat.current, Date.now());
    const events = ["keydown", "pointerdown", "wheel", "touchstart", "input"] as const;
    for (const name of events) window.addEventListener(name, noteActivity, { passive: true });
    const tick = window.setInterval(() => {
      let last = lastActivity.current;
      try {
        last = Math.max(last, Number(localStorage.getItem(ACTIVITY_KEY) ?? 0));
      } catch {
        // as above
      }
      const now = Date.now();
      const left = Math.ceil((last + idleSeconds * 1000 - now) / 1000);
      if (left <= 0) {
        if (signingOut.current) return;
        signingOut.current = true;
        void fetch("/api/v1/session", { method: "DELETE", credentials: "same-origin", headers: { "x-flarewatch-reason": "idle" } })
          .catch(() => null)
          // As above: a full page load drops the record from memory.
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination
          .finally(() => window.location.assign("/sign-in?reason=idle"));
        return;
      }
      setRemaining(left <= warnSeconds ? left : null);
      if (last > lastHeartbeat.current && now - lastHeartbeat.current >= HEARTBEAT_MS) void heartbeat();
    }, 1000);
    return () => {
      for (const name of events) window.removeEventListener(name, noteActivity);
      window.clearInterval(tick);
    };
  }, [heartbeat, idleSeconds, noteActivity, warnSeconds]);

  if (remaining === null) return null;
  const minutes = Math.floor(remaining / 60);
  const seconds = remaining % 60;
  return (
    <div className="idle-warning" role="alertdialog" aria-labelledby="idle-warning-text" aria-live="assertive">
      <p id="idle-warning-text">
        You will be signed out in {minutes > 0 ? `${minutes} min ` : ""}
        {seconds} s because nothing has happened for a while.
      </p>
      <button
        type="button"
        onClick={() => {
          lastActivity.current = 0;
          noteActivity();
          void heartbeat();
          setRemaining(null);
        }}
      >
        Stay signed in
      </button>
    </div>
  );
}
