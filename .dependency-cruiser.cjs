// Dependency rules (docs/architecture.md): layers only point down, and no module cycles.
// `npm run lint:deps` runs them (CI too); an uphill import or a cycle fails the build.
// There is no list of tolerated violations: every one fails.
const BASE = "^lib/(domain|stats|generated)/|^lib/(errors|format|app-version)\\.ts$";
const SERVICES =
  "^lib/(queries|audit|cases|imports|exports|duplicates|drug-names|baselines|reference|dashboard|security|feeds|signals|analyses)/";
// Sign-in, sessions and route guards belong with HTTP: they read cookies and headers.
const HTTP = "^lib/(api|auth)/";
const ENTRY = "^(app|scripts|bench|seed|lib/cli)/|^proxy\\.ts$";

module.exports = {
  forbidden: [
    { name: "no-circular", comment: "A module cycle hides which layer owns what.", severity: "error", from: {}, to: { circular: true } },
    {
      name: "base-stays-pure",
      comment: "Domain vocabulary, schemas, statistics and the error type import nothing above them, no database and no framework.",
      severity: "error",
      from: { path: BASE, pathNot: "^lib/generated/" },
      to: { path: [`^lib/db/`, SERVICES, HTTP, ENTRY, "^lib/client/", "^node_modules/(next|react|pg|@prisma)/"] },
    },
    {
      name: "db-imports-only-base",
      comment: "lib/db (connections, migrations, bulk writes, backup) sits just above the base.",
      severity: "error",
      from: { path: "^lib/db/" },
      to: { path: [SERVICES, HTTP, ENTRY, "^lib/client/"] },
    },
    {
      name: "services-not-http",
      comment: "Queries, commands, imports and exports throw AppError (lib/errors.ts); only lib/api and the routes speak HTTP.",
      severity: "error",
      from: { path: SERVICES },
      to: { path: [HTTP, ENTRY, "^node_modules/next/"] },
    },
    { name: "lib-not-entry", severity: "error", from: { path: "^lib/" }, to: { path: "^(app|scripts|bench)/|^tests/" } },
    {
      name: "bench-not-tests",
      comment: "The benchmark must not depend on test code.",
      severity: "error",
      from: { path: "^bench/" },
      to: { path: "^tests/" },
    },
    {
      name: "client-not-server",
      comment: "Browser code never pulls in the database client.",
      severity: "error",
      from: { path: "^lib/client/" },
      to: { path: ["^lib/db/", "^lib/generated/", "^node_modules/(pg|@prisma)/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^lib/generated/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js"] },
  },
};
