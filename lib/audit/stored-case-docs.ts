// Stored cases as input documents moved down to lib/db/bulk/stored-case-docs.ts (the import's
// bulk writer needs them, and lib/db imports nothing above it); import from there.
export { storedCaseDocSql, storedCaseDocs } from "@/lib/db/bulk/stored-case-docs";
