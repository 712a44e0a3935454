import { z } from "zod";
import type { ScreeningPlan } from "./plan";

/**
 * The shape of a stored screening plan (ScreeningCheck.plan, a cache of the last evaluation), checked
 * on every read: a row that does not parse is evaluated again, never shown. `satisfies` ties the
 * schema to the ScreeningPlan type, so a change to one that the other does not follow fails to compile.
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}/);
const linked = z.object({ eventId: z.string(), date, name: z.string() });
const itemId = z.enum(["history-examination", "basic-bloods", "chest-radiograph", "national-screening", "ct-tap", "tumour-markers", "pet-ct", "gi-endoscopy", "nasoendoscopy"]);
const panel = z.enum(["basic", "enhanced"]);

export const storedScreeningPlan = z.object({
  state: z.enum(["not-applicable", "active", "closed", "completed"]),
  note: z.string().optional(),
  risk: z
    .object({
      category: z.enum(["standard", "moderate", "high"]),
      reasons: z.array(
        z.object({
          factor: z.enum(["high-risk-antibody", "moderate-risk-antibody", "age", "dysphagia", "ulceration", "seronegative"]),
          weight: z.enum(["high", "moderate"]),
          text: z.string(),
          eventId: z.string().optional(),
          date: date.optional(),
        }),
      ),
    })
    .optional(),
  onset: linked.optional(),
  cancer: linked.optional(),
  windowEnd: date.optional(),
  rounds: z.array(
    z.object({
      id: z.string(),
      months: z.number(),
      date,
      dueFrom: date,
      overdueAfter: date,
      acceptFrom: date,
      acceptUntil: date.optional(),
      panels: z.array(panel),
      items: z.array(
        z.object({
          id: itemId,
          panel: z.enum(["basic", "enhanced", "consider", "regional"]),
          required: z.boolean(),
          status: z.enum(["done", "due", "overdue", "not-yet-due", "closed"]),
          doneBy: z.array(z.object({ eventId: z.string(), date, label: z.string() })),
          doneOn: date.optional(),
        }),
      ),
      label: z.string(),
    }),
  ),
  nextChange: date.optional(),
  today: date,
}) satisfies z.ZodType<ScreeningPlan>;
