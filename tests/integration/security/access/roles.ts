// Shared shapes for the route × role table: who may call a route.
import type { Role } from "@/lib/domain/vocabulary";

export type TAccess = "public" | readonly Role[];
export const STAFF = ["admin", "safety_officer"] as const;
export const EVERYONE = ["admin", "safety_officer", "researcher"] as const;
export const ADMIN_ONLY = ["admin"] as const;
export const ACCESS: Record<string, TAccess> = {};
