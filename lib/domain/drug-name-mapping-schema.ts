// A drug-name mapping as the API, the page and the mappings CSV state it: a verbatim name and
// either the catalogue drug it means or "not an antidopaminergic agent" (ignore).
import { z } from "zod";
import { catalogueDrugByName } from "./drug-catalogue";
import { normaliseDrugText } from "./drug-name-normaliser";

const ZName = z
  .string({ message: "is required" })
  .trim()
  .min(1, "must not be empty")
  .max(300, "must be at most 300 characters")
  .refine((name) => normaliseDrugText(name) !== "", "must contain a letter or digit");

export const ZDrugNameMapping = z
  .object({
    name: ZName,
    drug: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .refine((drug) => catalogueDrugByName(drug) !== undefined, "is not a drug of the catalogue (use its INN, e.g. haloperidol)")
      .transform((drug) => catalogueDrugByName(drug)!.name)
      .optional(),
    ignore: z.literal(true, { message: "must be true (or leave it out and name a drug)" }).optional(),
    /** Replace an existing mapping of the same name instead of refusing. */
    replace: z.boolean().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.drug === undefined) === (value.ignore === undefined)) {
      ctx.addIssue({ code: "custom", path: ["drug"], message: 'name a catalogue drug, or send "ignore": true — one of the two' });
    }
  });
export type TDrugNameMapping = z.infer<typeof ZDrugNameMapping>;

/** The target of a mapping: a catalogue name, or null for "not an antidopaminergic agent". */
export const mappingTarget = (mapping: Pick<TDrugNameMapping, "drug">): string | null => mapping.drug ?? null;
