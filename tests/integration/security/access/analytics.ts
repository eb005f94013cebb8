// Access table: aggregates and baselines — every role, researchers included.
import { EVERYONE, type TAccess } from "./roles";

export const ACCESS: Record<string, TAccess> = {
  "v1/aggregates GET": EVERYONE,
  "v1/baselines GET": EVERYONE,
};
