import { apiContext } from "@/app/_server/context";
import { createPatient, listPatients } from "@/lib/patients";
import { readJson, respond, withErrors } from "../../_http/problem";

export const GET = withErrors(
  async (request: Request) => {
    const search = new URL(request.url).searchParams.get("q") ?? undefined;
    return respond(await listPatients(await apiContext(), { search }));
  },
  // The search is refused by the service, which audits the refusal.
  { selfCheckedQuery: ["q"] },
);

export const POST = withErrors(async (request: Request) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  return respond(await createPatient(await apiContext(), body.body), 201);
});
