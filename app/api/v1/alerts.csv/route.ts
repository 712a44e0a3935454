import { apiContext } from "@/app/_server/context";
import { exportOpenAlertsCsv } from "@/lib/patients";
import { fromServiceError, withErrors } from "../../_http/problem";

/** The cohort's open and acknowledged alerts as CSV, with a header row (for an MDT list). */
export const GET = withErrors(async () => {
  const result = await exportOpenAlertsCsv(await apiContext());
  if (!result.ok) return fromServiceError(result.error);
  return new Response(result.value, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="flarewatch-open-alerts.csv"' },
  });
});
