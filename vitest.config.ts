import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests are pure; integration tests share one database per run (see tests/setup).
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
