import { apiContext } from "@/app/_server/context";
import { getTimeline, recordEvent } from "@/lib/patients";
import { confirmationsOf, readJson, respond, withErrors } from "../../../../_http/problem";

type Params = { params: Promise<{ id: string }> };

/** The patient's current events; `?kind=` (repeatable), `?from=` and `?to=` narrow it. */
export const GET = withErrors(async (request: Request, { params }: Params) => {
  const { id } = await params;
  const search = new URL(request.url).searchParams;
  const kinds = search.getAll("kind");
  const query = { kinds: kinds.length > 0 ? kinds : undefined, from: search.get("from") ?? undefined, to: search.get("to") ?? undefined };
  return respond(await getTimeline(await apiContext(), id, query));
});

export const POST = withErrors(async (request: Request, { params }: Params) => {
  const { id } = await params;
  const body = await readJson(request);
  if (!body.ok) return body.response;
  return respond(await recordEvent(await apiContext(), id, body.body, { confirm: confirmationsOf(request) }), 201);
});
