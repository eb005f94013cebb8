// Access table: editing baselines and the exposure datasets — reading for every role (they are
// aggregates' context), changes for administrators only.
import { ADMIN_ONLY, EVERYONE, type TAccess } from "./roles";

export const ACCESS: Record<string, TAccess> = {
  "v1/baselines POST": ADMIN_ONLY,
  "v1/baselines/[key] PATCH": ADMIN_ONLY,
  "v1/baselines/[key] DELETE": ADMIN_ONLY,
  "v1/exposure GET": EVERYONE,
  "v1/exposure/[source] DELETE": ADMIN_ONLY,
};
