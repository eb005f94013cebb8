import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Reliability and security: property-based fuzzing of every HTTP input and importer, the security
// checks (injection, CSRF, sessions, uploads) and the fault/load tests in tests/reliability/faults.
// One file at a time: the fuzzers are CPU-bound and the fault tests restart databases.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["tests/reliability/**/*.test.ts"],
    // The replica and two-process test has its own config and CI step (vitest.replicas.config.ts).
    exclude: ["tests/reliability/replicas/**"],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
