const FALLBACK = "/patients";
const BASE = "http://flarewatch.invalid";

/**
 * Where to go after signing in: a path on this site only. The value is parsed as a URL against an
 * origin of our own, the way a browser would resolve it, and only its path, query and hash are kept, so
 * "//evil.example", "/\evil.example" and "/%09/evil.example" (a browser drops the tab and goes to
 * //evil.example) cannot leave the site. Control characters are refused outright.
 */
export function safeNext(value: unknown): string {
  const next = typeof value === "string" ? value : "";
  if (!next.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(next)) return FALLBACK;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return FALLBACK;
  }
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== BASE) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/sign-in")) return FALLBACK;
  return path;
}
