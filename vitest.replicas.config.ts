import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Read replicas and several app processes, for real (docs/deployment.md): a streaming replica of
// the Postgres server at NMS_TEST_POSTGRES_URL made with pg_basebackup, two production app
// processes (`npm run build` first) and a load balancer. Its own step in .ci/run.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: { include: ["tests/reliability/replicas/**/*.test.ts"], testTimeout: 600_000, hookTimeout: 600_000, fileParallelism: false },
});
