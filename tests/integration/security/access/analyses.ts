// Access table: saved analyses (issue 19) — every aggregate reader; ownership and sharing are
// checked inside (tests/integration/analyses/saved-analyses.test.ts).
import { EVERYONE, type TAccess } from "./roles";

export const ACCESS: Record<string, TAccess> = {
  "v1/analyses GET": EVERYONE,
  "v1/analyses POST": EVERYONE,
  "v1/analyses/[id] GET": EVERYONE,
  "v1/analyses/[id] PATCH": EVERYONE,
  "v1/analyses/[id] DELETE": EVERYONE,
  "v1/analyses/[id]/export.csv GET": EVERYONE,
  "v1/analyses/[id]/export.json GET": EVERYONE,
};
