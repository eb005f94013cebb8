// Access table: account, session and API-token administration (administrators only).
import { ADMIN_ONLY, type TAccess } from "./roles";

export const ACCESS: Record<string, TAccess> = {
  "v1/users GET": ADMIN_ONLY,
  "v1/users POST": ADMIN_ONLY,
  "v1/users/[id] PATCH": ADMIN_ONLY,
  "v1/users/[id]/sign-out POST": ADMIN_ONLY,
  "v1/users/[id]/unlock POST": ADMIN_ONLY,
  "v1/sessions GET": ADMIN_ONLY,
  "v1/sessions/[id] DELETE": ADMIN_ONLY,
  "v1/tokens GET": ADMIN_ONLY,
  "v1/tokens POST": ADMIN_ONLY,
  "v1/tokens/[id] DELETE": ADMIN_ONLY,
};
