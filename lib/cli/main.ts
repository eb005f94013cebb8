// `npm run cli -- <command> …`: opens the database (the running app's embedded database,
// DATABASE_URL's server, or the embedded one owned for the command's duration; migrated, with
// this build's reference data — lib/reference/open-database.ts), then runs the command.
import { parseArgs } from "node:util";
import { describeReferenceUpgrade, openDatabase } from "@/lib/reference/open-database";
import { getPrisma } from "@/lib/db/client";
import { closePgPool } from "@/lib/db/pg-pool";
import { FORMAT_OPTIONS } from "@/lib/imports/shared/format-list";
import { fail } from "./fail";
import { startProgress } from "./progress";
import { TOKENS_USAGE, USERS_USAGE, tokensCommand, usersCommand } from "./commands/accounts";
import { backupCommand, restoreCommand } from "./commands/backup";
import { duplicatesCommand } from "./commands/duplicates";
import { FEED_USAGE, feedCommand } from "./commands/feed";
import { importCommand } from "./commands/import";
import { rederiveCommand } from "./commands/rederive";
import { REPORT_USAGE, reportCommand } from "./commands/report";
import { seedCommand } from "./commands/seed";
import { SIGNALS_USAGE, signalsCommand } from "./commands/signals";

type Values = Record<string, string | boolean | undefined>;
type Command = {
  run: (values: Values, positionals: string[]) => Promise<void>;
  options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;
  usage: string;
  /**
   * Backup and restore reach the database themselves: opening it the usual way would create
   * and migrate an embedded database that restore must find empty, or hold the lock backup needs.
   */
  connects?: false;
};

const COMMANDS: Record<string, Command> = {
  import: {
    run: (values, positionals) => importCommand(values, positionals),
    options: {
      format: { type: "string" },
      "skip-invalid": { type: "boolean" },
      "allow-drafts": { type: "boolean" },
      rejects: { type: "string" },
      "complete-ascertainment": { type: "boolean" },
    },
    usage: `import <file-or-folder> [--format ${FORMAT_OPTIONS}] [--skip-invalid] [--allow-drafts] [--rejects FILE] [--complete-ascertainment]`,
  },
  users: {
    run: usersCommand,
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
    usage: USERS_USAGE,
  },
  tokens: {
    run: tokensCommand,
    options: { role: { type: "string" }, name: { type: "string" }, days: { type: "string" }, id: { type: "string" } },
    usage: TOKENS_USAGE,
  },
  duplicates: {
    run: duplicatesCommand,
    options: { all: { type: "boolean" }, threshold: { type: "string" } },
    usage: "duplicates scan [--all] [--threshold BITS]   (find suspected duplicate reports; docs/duplicates.md)",
  },
  feed: {
    run: feedCommand,
    options: { since: { type: "string" }, from: { type: "string" }, "page-size": { type: "string" } },
    usage: FEED_USAGE,
  },
  report: {
    run: (values) => reportCommand(values),
    options: { from: { type: "string" }, to: { type: "string" }, out: { type: "string" }, html: { type: "string" } },
    usage: REPORT_USAGE,
  },
  seed: {
    run: (values) => seedCommand(values),
    options: { cases: { type: "string" }, seed: { type: "string" }, force: { type: "boolean" } },
    usage: "seed --cases N [--seed S] [--force]",
  },
  signals: {
    run: signalsCommand,
    options: { margin: { type: "string" } },
    usage: SIGNALS_USAGE,
  },
  rederive: {
    run: () => rederiveCommand(),
    options: {},
    usage: "rederive                 (re-derive every stored case against the current catalogue and drug-name mappings)",
  },
  backup: {
    run: backupCommand,
    options: {},
    usage: "backup <file>            (DATABASE_URL: pg_dump custom format; embedded: data-directory archive, app stopped)",
    connects: false,
  },
  restore: {
    run: restoreCommand,
    options: {},
    usage: "restore <file>           (into an EMPTY database: DATABASE_URL's, or an empty NMS_DATA_DIR)",
    connects: false,
  },
};

function usage(): string {
  return `usage: npm run cli -- <command>\n${Object.values(COMMANDS)
    .map((c) => `  ${c.usage}`)
    .join("\n")}`;
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) throw new Error(name ? `unknown command '${name}'\n${usage()}` : usage());
  const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  if (command.connects === false) return command.run(values as Values, positionals);
  // A new build re-derives every stored case when it first opens the database: show how far it is.
  const upgrading: { bar: ReturnType<typeof startProgress> | null } = { bar: null };
  const database = await openDatabase({
    onRederiveProgress: (done, total) => (upgrading.bar ??= startProgress("Re-deriving stored cases", total, "cases")).update(done, total),
  });
  upgrading.bar?.stop();
  const upgrade = describeReferenceUpgrade(database.reference);
  if (upgrade) console.log(upgrade);
  try {
    await command.run(values as Values, positionals);
  } finally {
    await getPrisma().$disconnect();
    await closePgPool();
    await database.close();
  }
}

main().then(() => process.exit(process.exitCode ?? 0), fail);
