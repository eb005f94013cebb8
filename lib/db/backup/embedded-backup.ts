// Backup and restore of the embedded (PGlite) database as an archive of its data directory,
// taken by PGlite itself (dumpDataDir) while this process holds the directory's lock.
//
// When the app is running it owns the database, and backup refuses, asking the user to stop
// it. Why not dump through the app's loopback server instead: pg_dump on these machines is
// older than PGlite's Postgres 18 and refuses it, and a home-made logical dump would be a
// second, weaker format (enums, sequences, defaults, migrations table re-created by hand) to
// keep exact forever; copying the files under a live owner is not consistent. Stopping the
// app takes a second, and the archive then restores byte for byte.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { acquireDataDirLock } from "../embedded/lock";
import { findRunningOwner } from "../embedded/owner-file";
import { pgdataDir } from "../embedded/owner";
import { BackupError } from "./server-backup";

async function refuseWhileServed(dataDir: string, doing: string): Promise<void> {
  if (await findRunningOwner(dataDir)) {
    throw new BackupError(
      `cannot ${doing} the embedded database in ${dataDir} while the app is running (it owns the database): ` +
        "stop the app (Ctrl-C on `npm start`), run this again, then start the app again",
    );
  }
}

/** Writes a gzipped tar of the data directory, consistent because no one else has it open. */
export async function backupEmbeddedDatabase(dataDir: string, file: string): Promise<{ bytes: number }> {
  await refuseWhileServed(dataDir, "back up");
  const pgdata = pgdataDir(dataDir);
  if (!existsSync(path.join(pgdata, "PG_VERSION"))) throw new BackupError(`there is no embedded database in ${dataDir} to back up`);
  const release = acquireDataDirLock(dataDir);
  const partial = `${file}.partial`;
  try {
    const db = await PGlite.create(pgdata);
    try {
      const archive = await db.dumpDataDir("gzip");
      writeFileSync(partial, Buffer.from(await archive.arrayBuffer()));
    } finally {
      await db.close();
    }
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
    release();
  }
  return { bytes: statSync(file).size };
}

/** Unpacks an archive into an empty data directory; refuses one that already has a database. */
export async function restoreEmbeddedDatabase(dataDir: string, file: string): Promise<void> {
  await refuseWhileServed(dataDir, "restore into");
  const pgdata = pgdataDir(dataDir);
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) {
    throw new BackupError(`refusing to restore into ${dataDir}: it already holds a database. Restore into an empty NMS_DATA_DIR`);
  }
  mkdirSync(dataDir, { recursive: true });
  const release = acquireDataDirLock(dataDir);
  try {
    const db = await PGlite.create(pgdata, { loadDataDir: new Blob([readFileSync(file)]) });
    try {
      await db.query("SELECT count(*) FROM pg_class"); // the restored cluster opens and answers
    } finally {
      await db.close();
    }
  } catch (error) {
    rmSync(pgdata, { recursive: true, force: true }); // leave the directory empty, as found
    throw error instanceof BackupError
      ? error
      : new BackupError(`could not restore ${path.basename(file)}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    release();
  }
}
