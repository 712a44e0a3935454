/** Where to go after signing in: a path on this site only (never "//evil.example" or a full URL). */
export function safeNext(value: unknown): string {
  const next = typeof value === "string" ? value : "";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/sign-in")) return "/patients";
  return next;
}
