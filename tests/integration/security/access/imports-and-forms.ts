// Access table: web imports (upload and job polling) and the case form's catalogue look-up —
// case-level staff only, as the jobs name files and their rejects quote case fields.
import { STAFF, type TAccess } from "./roles";

export const ACCESS: Record<string, TAccess> = {
  "v1/imports GET": STAFF,
  "v1/imports POST": STAFF,
  "v1/imports/[id] GET": STAFF,
  "v1/catalogue GET": STAFF,
};
