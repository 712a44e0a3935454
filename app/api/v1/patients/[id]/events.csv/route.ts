import { apiContext } from "@/app/_server/context";
import { exportEventsCsv } from "@/lib/patients";
import { fromServiceError, withErrors } from "../../../../_http/problem";

type Params = { params: Promise<{ id: string }> };

/** The patient's current events as CSV, one row each, with a header row. */
export const GET = withErrors(async (_request: Request, { params }: Params) => {
  const { id } = await params;
  const result = await exportEventsCsv(await apiContext(), id);
  if (!result.ok) return fromServiceError(result.error);
  const filename = `${result.value.identifier.replace(/[^A-Za-z0-9._-]/g, "_")}-events.csv`;
  return new Response(result.value.csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` },
  });
});
