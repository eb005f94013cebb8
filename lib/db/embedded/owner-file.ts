// The owner of the embedded database publishes where it serves it, so the CLI (or a second
// app) goes through the owner instead of opening the directory itself. The file holds
// the database password, so only the owner's user may read it (0600).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { isProcessAlive } from "./lock";

const ZOwner = z.object({ pid: z.number().int(), url: z.string() });
type TOwner = z.infer<typeof ZOwner>;

const ownerFile = (dataDir: string) => path.join(dataDir, "owner.json");

/** Mode 0600: the URL carries the database password (wire-server.ts). */
export function publishOwner(dataDir: string, url: string): void {
  const file = ownerFile(dataDir);
  rmSync(file, { force: true }); // a file left by an older build may be world-readable: start afresh
  writeFileSync(file, JSON.stringify({ pid: process.pid, url } satisfies TOwner), { mode: 0o600, flag: "wx" });
}

export function withdrawOwner(dataDir: string): void {
  rmSync(ownerFile(dataDir), { force: true });
}

function canConnect(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const settle = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000);
    socket.once("connect", () => settle(true));
    socket.once("error", () => settle(false));
    socket.once("timeout", () => settle(false));
  });
}

/** URL of the live owner of `dataDir`, or null when no process serves it. */
export async function findRunningOwner(dataDir: string): Promise<string | null> {
  let owner: TOwner;
  try {
    owner = ZOwner.parse(JSON.parse(readFileSync(ownerFile(dataDir), "utf8")));
  } catch {
    return null;
  }
  if (!isProcessAlive(owner.pid)) return null;
  return (await canConnect(owner.url)) ? owner.url : null;
}
