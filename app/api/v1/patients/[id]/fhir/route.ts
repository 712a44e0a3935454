import { apiContext } from "@/app/_server/context";
import { exportPatientBundle } from "@/lib/patients";
import { fromServiceError, withErrors } from "../../../../_http/problem";

type Params = { params: Promise<{ id: string }> };

/** The patient's whole course as a FHIR R4 collection Bundle (shared/FHIR.md). */
export const GET = withErrors(async (request: Request, { params }: Params) => {
  const { id } = await params;
  const result = await exportPatientBundle(await apiContext(), id);
  if (!result.ok) return fromServiceError(result.error);
  const download = new URL(request.url).searchParams.has("download");
  return new Response(JSON.stringify(result.value), {
    headers: {
      "content-type": "application/fhir+json; charset=utf-8",
      ...(download ? { "content-disposition": `attachment; filename="flarewatch-${id}.fhir.json"` } : {}),
    },
  });
});
