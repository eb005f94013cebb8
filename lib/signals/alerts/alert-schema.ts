// What a safety officer sends to dismiss an alert or take a dismissal back (docs/signals.md,
// "Dismissing an alert"): the new status and the reason, which is required both ways.
import { z } from "zod";

export const ZAlertChange = z
  .object({
    status: z.enum(["dismissed", "open"], { error: "must be dismissed (dismiss the alert) or open (take a dismissal back)" }),
    reason: z.string({ error: "is required: say why" }).trim().min(1, "is required: say why").max(2000),
  })
  .strict();
export type TAlertChange = z.output<typeof ZAlertChange>;
