// Prisma CLI configuration. Generation is WASM; the CLI would still try to download a
// native schema engine on every command, so point it at a stand-in that explains why
// migrations go through scripts/db-migrate.ts instead (STACK.md).
import path from "node:path";
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/prisma/no-native-engine.sh");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
