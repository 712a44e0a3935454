import { apiContext } from "@/app/_server/context";
import { markEnteredInError } from "@/lib/patients";
import { readJson, respond, withErrors } from "../../../../_http/problem";

/** `{ expectedVersion, reason }`: hides the event from the timeline, keeps it in its history. */
export const POST = withErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const body = await readJson(request);
  if (!body.ok) return body.response;
  return respond(await markEnteredInError(await apiContext(), id, body.body));
});
