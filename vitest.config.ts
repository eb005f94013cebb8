import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests are pure; each integration test file opens its own database (tests/README.md).
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
