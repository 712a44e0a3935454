import { apiContext } from "@/app/_server/context";
import { fromServiceError, withErrors } from "@/app/api/_http/problem";
import { auditCsv } from "@/lib/admin";

/** Every audit row matching the audit page's filter (same query string), as CSV with a header row. */
export const GET = withErrors(async (request: Request) => {
  const filter = Object.fromEntries(new URL(request.url).searchParams);
  const result = await auditCsv(await apiContext(), filter);
  if (!result.ok) return fromServiceError(result.error);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(result.value, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="flarewatch-audit-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
});
