// Migration operations through the WASM schema engine: deploy (as `prisma migrate deploy`),
// create (diff the migrations folder against schema.prisma) and drift checks.
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { MIGRATIONS_DIR, SCHEMA_PATH, readMigrations, readSchema, writeMigration } from "./migrations-dir";
import { engineErrorMessage, openSchemaEngine, type SchemaEngine } from "./schema-engine";

const NO_FILTER = { externalTables: [], externalEnums: [] };

/** Where the schema and the migrations are read from (tests point these at copies). */
export type TMigrationSources = { schemaPath?: string; migrationsDir?: string };

export class MigrationError extends Error {
  override name = "MigrationError";
}

async function withEngine<T>(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  sources: TMigrationSources,
  run: (engine: SchemaEngine, schema: string) => Promise<T>,
): Promise<T> {
  const schema = await readSchema(sources.schemaPath ?? SCHEMA_PATH);
  const engine = await openSchemaEngine(schema, adapter);
  try {
    return await run(engine, schema);
  } catch (error) {
    throw new MigrationError(engineErrorMessage(error));
  } finally {
    engine.free();
  }
}

/**
 * Applies pending migrations with real `_prisma_migrations` bookkeeping. A failed migration is
 * recorded as failed and stops the next deploy (P3009), exactly as native Prisma does; its SQL
 * runs as one multi-statement script, which Postgres executes atomically, so the schema stays
 * at the previous version.
 */
export async function deployMigrations(adapter: SqlMigrationAwareDriverAdapterFactory, sources: TMigrationSources = {}): Promise<string[]> {
  const migrationsList = await readMigrations(sources.migrationsDir ?? MIGRATIONS_DIR);
  return withEngine(adapter, sources, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return appliedMigrationNames;
  });
}

/** SQL that takes the migrations folder to schema.prisma ("" when they agree). Uses the shadow database. */
export function diffMigrationsToSchema(adapter: SqlMigrationAwareDriverAdapterFactory, sources: TMigrationSources = {}): Promise<string> {
  return diffToSchema(adapter, "migrations", sources);
}

/** SQL that takes the live database to schema.prisma ("" when they agree). */
export function diffDatabaseToSchema(adapter: SqlMigrationAwareDriverAdapterFactory, sources: TMigrationSources = {}): Promise<string> {
  return diffToSchema(adapter, "database", sources);
}

async function diffToSchema(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  from: "migrations" | "database",
  sources: TMigrationSources,
): Promise<string> {
  const migrationsList = await readMigrations(sources.migrationsDir ?? MIGRATIONS_DIR);
  return withEngine(adapter, sources, async (engine, schema) => {
    const files = [{ path: "schema.prisma", content: schema }];
    const { stdout } = await engine.diff({
      from:
        from === "database"
          ? { tag: "schemaDatasource", files, configDir: "." }
          : migrationsList.migrationDirectories.length === 0
            ? { tag: "empty" } // the first migration diffs from nothing
            : { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return meaningfulSql(stdout ?? "");
  });
}

/** The script, or "" when it holds nothing but comments (the engine's empty diff). */
function meaningfulSql(script: string): string {
  const statements = script
    .split("\n")
    .filter((line) => !line.trim().startsWith("--"))
    .join("\n")
    .trim();
  return statements === "" ? "" : script.trim();
}

/** Writes a new migration for the difference between the migrations folder and schema.prisma. */
export async function createMigration(adapter: SqlMigrationAwareDriverAdapterFactory, name: string): Promise<string | null> {
  const sql = await diffMigrationsToSchema(adapter);
  if (sql === "") return null;
  return writeMigration(name, `${sql}\n`);
}
