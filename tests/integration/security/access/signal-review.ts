// Access table: signal alerts and review topics (issue 16) — staff only: they carry exact counts and cases.
import { STAFF, type TAccess } from "./roles";

export const ACCESS: Record<string, TAccess> = {
  "v1/alerts GET": STAFF,
  "v1/alerts/[id] PATCH": STAFF,
  "v1/signals/topics GET": STAFF,
  "v1/signals/topics POST": STAFF,
  "v1/signals/topics/[id] GET": STAFF,
  "v1/signals/topics/[id] PATCH": STAFF,
  "v1/signals/topics/[id]/cases POST": STAFF,
};
