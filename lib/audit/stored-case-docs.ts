// Moved down to lib/db/bulk/stored-case-docs.ts (the import's bulk writer needs it, and lib/db
// imports nothing above it). Kept only until the import's COPY stage imports it from there.
export { storedCaseDocSql } from "@/lib/db/bulk/stored-case-docs";
