// `cli backup <file>` and `cli restore <file>`: DATABASE_URL's server through pg_dump /
// pg_restore (custom format, restore into an empty database only), else the embedded database
// in NMS_DATA_DIR as an archive of its data directory. The file's first bytes say which kind
// it holds, so a backup is never restored into the other kind by mistake.
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { readEnv } from "@/lib/db/config";
import { backupEmbeddedDatabase, restoreEmbeddedDatabase } from "@/lib/db/backup/embedded-backup";
import { BackupError, backupServerDatabase, restoreServerDatabase } from "@/lib/db/backup/server-backup";

function fileArg(command: "backup" | "restore", positionals: string[]): string {
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new BackupError(`usage: ${command} <file>`);
  return path.resolve(file);
}

type TBackupKind = "postgres" | "embedded";

/** pg_dump custom format starts "PGDMP"; PGlite's data-directory archive is gzip (1f 8b). */
function backupKindOf(file: string): TBackupKind | null {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(5);
    readSync(fd, head, 0, 5, 0);
    if (head.toString("latin1") === "PGDMP") return "postgres";
    if (head[0] === 0x1f && head[1] === 0x8b) return "embedded";
    return null;
  } finally {
    closeSync(fd);
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export async function backupCommand(_values: unknown, positionals: string[]): Promise<void> {
  const file = fileArg("backup", positionals);
  if (existsSync(file)) throw new BackupError(`${file} already exists: choose a new file name (a backup never overwrites one)`);
  const env = readEnv();
  const started = Date.now();
  if (env.databaseUrl) {
    const { bytes, database } = await backupServerDatabase(env.databaseUrl, file);
    console.log(`Backed up database "${database}" to ${file} (${megabytes(bytes)}, pg_dump custom format) in ${seconds(started)}.`);
  } else {
    const { bytes } = await backupEmbeddedDatabase(env.dataDir, file);
    console.log(`Backed up the embedded database in ${env.dataDir} to ${file} (${megabytes(bytes)}) in ${seconds(started)}.`);
  }
}

export async function restoreCommand(_values: unknown, positionals: string[]): Promise<void> {
  const file = fileArg("restore", positionals);
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  const env = readEnv();
  const target: TBackupKind = env.databaseUrl ? "postgres" : "embedded";
  const kind = backupKindOf(file);
  if (!kind) throw new BackupError(`${file} is not a backup made by \`cli backup\``);
  if (kind !== target) {
    throw new BackupError(
      kind === "embedded"
        ? `${file} is a backup of an embedded database: restore it without DATABASE_URL, into an empty NMS_DATA_DIR`
        : `${file} is a pg_dump backup of a Postgres server database: set DATABASE_URL to an empty database to restore it`,
    );
  }
  const started = Date.now();
  if (env.databaseUrl) {
    const { database } = await restoreServerDatabase(env.databaseUrl, file);
    console.log(`Restored ${file} into database "${database}" in ${seconds(started)}.`);
  } else {
    await restoreEmbeddedDatabase(env.dataDir, file);
    console.log(`Restored ${file} into the embedded database in ${env.dataDir} in ${seconds(started)}.`);
  }
}
