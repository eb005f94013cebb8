// Access table: health, sign-in and cases ("route under app/api" + " " + method).
import { ADMIN_ONLY, STAFF, type TAccess } from "./roles";

export const ACCESS: Record<string, TAccess> = {
  "health GET": "public",
  "auth/login POST": "public",
  "auth/logout POST": "public",
  "auth/session GET": "public",
  "v1/cases GET": STAFF,
  "v1/cases POST": STAFF,
  "v1/cases/[id] GET": STAFF,
  "v1/cases/[id] PATCH": STAFF,
  "v1/cases/[id] DELETE": STAFF,
  "v1/cases/[id]/restore POST": ADMIN_ONLY,
};
