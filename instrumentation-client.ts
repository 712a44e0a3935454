import { z } from "zod";

/**
 * Runs in the browser before the app. Zod probes for eval (`new Function("")`) to compile fast object
 * parsers; the Content-Security-Policy (proxy.ts) allows no eval, so the probe would be reported as a
 * violation on every page whose forms validate with zod. Browser-side checks are small: parse without it.
 * The server keeps zod's compiled parsers.
 */
z.config({ jitless: true });
