// What a case's nullification (DELETE query: revision, reason) and restoration (POST body: revision)
// take (docs/case-processing.md), shared by the API routes and the OpenAPI document.
import { z } from "zod";
import { STORABLE_TEXT_MESSAGE, isStorableText } from "@/lib/domain/storable-text";

const ZRevision = z.coerce.number({ message: "is required: the revision you last read" }).int().min(1);

export const ZNullifyCase = z
  .object({
    revision: ZRevision,
    reason: z
      .string({ message: "is required: why the case is nullified" })
      .trim()
      .min(3, "is required: why the case is nullified (at least 3 characters)")
      .max(500)
      .refine(isStorableText, STORABLE_TEXT_MESSAGE),
  })
  .strict();
export type TNullifyCase = z.infer<typeof ZNullifyCase>;

export const ZRestoreCase = z.object({ revision: ZRevision }).strict();
