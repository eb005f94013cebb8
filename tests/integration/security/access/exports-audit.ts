// Access table: exports, the audit trail and the API description.
import { ADMIN_ONLY, EVERYONE, STAFF, type TAccess } from "./roles";

export const ACCESS: Record<string, TAccess> = {
  "v1/export/aggregates.csv GET": EVERYONE,
  "v1/export/aggregates.json GET": EVERYONE,
  "v1/export/cases.csv GET": STAFF,
  "v1/audit GET": ADMIN_ONLY,
  // The OpenAPI document describes the API; it holds no data, so anyone may read it.
  "v1/openapi.json GET": "public",
};
