// Access table: disproportionality signals — aggregates over report counts, so every role.
import { EVERYONE, type TAccess } from "./roles";

export const ACCESS: Record<string, TAccess> = {
  "v1/signals GET": EVERYONE,
};
