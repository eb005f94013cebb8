// What every process does to the database it is about to use (npm start/dev, each CLI command,
// db:migrate): resolve it (lib/db/connect.ts), apply pending migrations, and make it hold this
// build's reference data — so no command ever writes a case against an empty or old catalogue.
import { connectDatabase, type TDatabaseHandle } from "@/lib/db/connect";
import { serverMigrationAdapter } from "@/lib/db/migrate/adapters";
import { deployMigrations } from "@/lib/db/migrate/migrate";
import type { TRederiveProgress } from "@/lib/cases/rederive-cases";
import { ensureReferenceData, type TEnsureResult } from "./ensure-reference-data";

export type TOpenDatabase = TDatabaseHandle & { appliedMigrations: string[]; reference: TEnsureResult };

export async function openDatabase(options: { onRederiveProgress?: TRederiveProgress } = {}): Promise<TOpenDatabase> {
  const database = await connectDatabase();
  try {
    // An owned embedded database was migrated as it opened; a server (or another process's
    // embedded database, when this build is newer than the owner's) is migrated here.
    let appliedMigrations = database.appliedMigrations;
    if (!database.owned) {
      const adapter = serverMigrationAdapter(database.url);
      try {
        appliedMigrations = await deployMigrations(adapter);
      } finally {
        await adapter.close();
      }
    }
    const reference = await ensureReferenceData({ onProgress: options.onRederiveProgress });
    return { ...database, appliedMigrations, reference };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** One line for a person watching a start or a command, or null when nothing happened. */
export function describeReferenceUpgrade(reference: TEnsureResult): string | null {
  if (!reference.applied) return null;
  const { examined, changedCases } = reference.rederived;
  return reference.from
    ? `Reference data upgraded (${reference.from} → ${reference.to}): ${changedCases} of ${examined} stored cases re-derived.`
    : `Reference data written (${reference.to})${examined ? `: ${changedCases} of ${examined} stored cases re-derived` : ""}.`;
}
