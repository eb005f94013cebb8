import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser tests: a production build served by `npm start` on a fresh embedded database,
// driven through Debian's Chromium with playwright-core. Needs `npm run build` first.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: { include: ["tests/e2e/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false },
});
