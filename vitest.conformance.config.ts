import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Conformance: checks importers and statistics against the real public files in ../shared/data.
// Run by .ci/run when that folder exists; each test fails (never skips) if a file is missing.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: { include: ["tests/conformance/**/*.test.ts"], testTimeout: 300_000 },
});
