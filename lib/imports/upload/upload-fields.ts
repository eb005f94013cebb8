// The text fields of an import upload form (format, skipInvalid, allowDrafts, completeAscertainment), validated like every other
// input so an unknown format or a misspelt field is a 400 naming it.
import { z } from "zod";
import { IMPORT_FORMATS } from "../types";
import { FORMAT_CHOICES } from "../shared/format-list";

const BOOLEAN_WORDS = ["true", "false", "on", "off", "1", "0", "yes", "no", ""] as const;

export const ZImportUploadFields = z
  .object({
    // "" and "auto" come from a select whose first option is "detect from the file".
    format: z.preprocess(
      (value) => (value === "" || value === "auto" ? undefined : value),
      z.enum(IMPORT_FORMATS, { message: `must be ${FORMAT_CHOICES} (or left out to detect it)` }).optional(),
    ),
    skipInvalid: z
      .enum(BOOLEAN_WORDS, { message: "must be true or false" })
      .optional()
      .transform((value) => value === "true" || value === "on" || value === "1" || value === "yes"),
    // A report missing one of the four minimum criteria is imported as a draft instead of rejected (docs/case-processing.md).
    allowDrafts: z
      .enum(BOOLEAN_WORDS, { message: "must be true or false" })
      .optional()
      .transform((value) => value === "true" || value === "on" || value === "1" || value === "yes"),
    // Exposure uploads: the case source is a complete ascertainment of the exposed population.
    completeAscertainment: z
      .enum(BOOLEAN_WORDS, { message: "must be true or false" })
      .optional()
      .transform((value) => value === "true" || value === "on" || value === "1" || value === "yes"),
  })
  .strict();
export type TImportUploadFields = z.infer<typeof ZImportUploadFields>;
