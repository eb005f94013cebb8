// Access table: the duplicate review queue and decisions (issue 15).
import { STAFF, type TAccess } from "./roles";

export const ACCESS: Record<string, TAccess> = {
  "v1/duplicates GET": STAFF,
  "v1/duplicates/[id] GET": STAFF,
  "v1/duplicates/[id] POST": STAFF,
};
