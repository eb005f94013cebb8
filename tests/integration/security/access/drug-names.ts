// Access table: the drug-name workbench — staff only, as unmatched names quote case drug fields.
import { STAFF, type TAccess } from "./roles";

export const ACCESS: Record<string, TAccess> = {
  "v1/drug-names/unmatched GET": STAFF,
  "v1/drug-names/mappings GET": STAFF,
  "v1/drug-names/mappings POST": STAFF,
  "v1/drug-names/mappings/[name] DELETE": STAFF,
};
