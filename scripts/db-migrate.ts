// npm run db:migrate [deploy] | db:migrate:create <name> | db:migrate drift
// deploy: applies pending migrations to DATABASE_URL, or to the embedded database when unset,
// and makes the database hold this build's reference data (lib/reference/open-database.ts).
import { getPrisma } from "@/lib/db/client";
import { createMigration, diffDatabaseToSchema, diffMigrationsToSchema } from "@/lib/db/migrate/migrate";
import { closePgPool } from "@/lib/db/pg-pool";
import { describeReferenceUpgrade, openDatabase } from "@/lib/reference/open-database";
import { withMigrationAdapter } from "@/lib/db/migrate/target";
import { fail } from "@/lib/cli/fail";

async function deploy(): Promise<void> {
  const database = await openDatabase();
  try {
    const label = database.kind === "postgres" ? "the Postgres server" : "the embedded database";
    console.log(
      database.appliedMigrations.length
        ? `Applied to ${label}: ${database.appliedMigrations.join(", ")}`
        : `${label}: migrations up to date.`,
    );
    console.log(describeReferenceUpgrade(database.reference) ?? "Reference data up to date.");
  } finally {
    await getPrisma().$disconnect();
    await closePgPool();
    await database.close();
  }
}

async function main(): Promise<void> {
  const [command = "deploy", name] = process.argv.slice(2);
  if (command === "deploy") return deploy();
  await withMigrationAdapter(async (adapter, label) => {
    switch (command) {
      case "create": {
        if (!name) throw new Error("usage: npm run db:migrate:create -- <name>");
        const folder = await createMigration(adapter, name);
        console.log(
          folder ? `Created prisma/migrations/${folder}/migration.sql` : "schema.prisma and the migrations agree: nothing to create.",
        );
        return;
      }
      case "drift": {
        const fromMigrations = await diffMigrationsToSchema(adapter);
        const fromDatabase = await diffDatabaseToSchema(adapter);
        if (fromMigrations) console.log(`Migrations differ from schema.prisma:\n${fromMigrations}`);
        if (fromDatabase) console.log(`${label} differs from schema.prisma:\n${fromDatabase}`);
        if (fromMigrations || fromDatabase) process.exitCode = 1;
        else console.log("No drift: schema.prisma, the migrations and the database agree.");
        return;
      }
      default:
        throw new Error(`unknown command '${command}' (deploy | create <name> | drift)`);
    }
  });
}

main().catch(fail);
