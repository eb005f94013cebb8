// Access table: the periodic safety report (issue 19) — staff only: it shows exact counts.
import { STAFF, type TAccess } from "./roles";

export const ACCESS: Record<string, TAccess> = {
  "v1/reports/safety GET": STAFF,
};
