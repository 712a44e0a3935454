import { apiContext } from "@/app/_server/context";
import { amendEvent, getEvent } from "@/lib/patients";
import { confirmationsOf, readJson, respond, withErrors } from "../../../_http/problem";

type Params = { params: Promise<{ id: string }> };

export const GET = withErrors(async (_request: Request, { params }: Params) => {
  const { id } = await params;
  return respond(await getEvent(await apiContext(), id));
});

/** Amend: `{ expectedVersion, event }`; 409 when someone else changed the event meanwhile. */
export const PUT = withErrors(async (request: Request, { params }: Params) => {
  const { id } = await params;
  const body = await readJson(request);
  if (!body.ok) return body.response;
  return respond(await amendEvent(await apiContext(), id, body.body, { confirm: confirmationsOf(request) }));
});
