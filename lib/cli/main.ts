// `npm run cli -- <command> …`: resolves the database (the running app's embedded database,
// DATABASE_URL's server, or the embedded one owned for the command's duration), then runs it.
import { parseArgs } from "node:util";
import { connectDatabase } from "@/lib/db/connect";
import { getPrisma } from "@/lib/db/client";
import { closePgPool } from "@/lib/db/pg-pool";
import { fail } from "./fail";
import { seedCommand } from "./commands/seed";

type Values = Record<string, string | boolean | undefined>;
type Command = {
  run: (values: Values, positionals: string[]) => Promise<void>;
  options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;
  usage: string;
};

const COMMANDS: Record<string, Command> = {
  seed: {
    run: (values) => seedCommand(values),
    options: { cases: { type: "string" }, seed: { type: "string" }, force: { type: "boolean" } },
    usage: "seed --cases N [--seed S] [--force]",
  },
};

function usage(): string {
  return `usage: npm run cli -- <command>\n${Object.values(COMMANDS).map((c) => `  ${c.usage}`).join("\n")}`;
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) throw new Error(name ? `unknown command '${name}'\n${usage()}` : usage());
  const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  const database = await connectDatabase();
  try {
    await command.run(values as Values, positionals);
  } finally {
    await getPrisma().$disconnect();
    await closePgPool();
    await database.close();
  }
}

main().then(() => process.exit(process.exitCode ?? 0), fail);
