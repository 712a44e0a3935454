import { apiContext } from "@/app/_server/context";
import { getChartWindow, getPatientPage } from "@/lib/patients";
import { respond, withErrors } from "../../../../_http/problem";

type Params = { params: Promise<{ id: string }> };

/**
 * The chart model. Without a window: the overview the patient page draws (kept up to date by every
 * write). With `?from=YYYY-MM-DD&to=YYYY-MM-DD`: that window at full detail, for a zoomed chart.
 * Either way one service read, one audit row.
 */
export const GET = withErrors(async (request: Request, { params }: Params) => {
  const { id } = await params;
  const search = new URL(request.url).searchParams;
  const ctx = await apiContext();
  if (search.has("from") || search.has("to")) return respond(await getChartWindow(ctx, id, { from: search.get("from") ?? "", to: search.get("to") ?? "" }));
  const page = await getPatientPage(ctx, id, { referenceEventId: search.get("ref") ?? undefined, events: { limit: 1 } });
  return respond(page.ok ? { ok: true as const, value: page.value.chart } : page);
});
