import { apiContext } from "@/app/_server/context";
import { getPatient } from "@/lib/patients";
import { respond, withErrors } from "../../../_http/problem";

export const GET = withErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return respond(await getPatient(await apiContext(), id));
});
