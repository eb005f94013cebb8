// The sign-in body, shared by POST /api/auth/login and the OpenAPI document.
import { z } from "zod";
import { STORABLE_TEXT_MESSAGE, isStorableText } from "@/lib/domain/storable-text";

export const ZLogin = z
  .object({ email: z.string().trim().min(3).max(200).refine(isStorableText, STORABLE_TEXT_MESSAGE), password: z.string().min(1).max(500) })
  .strict();
export type TLogin = z.infer<typeof ZLogin>;
