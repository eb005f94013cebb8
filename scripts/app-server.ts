// Starts the app as a user would (`npm start` on a fresh embedded data directory, or on the
// Postgres server given as DATABASE_URL in `env`) for browser and fault tests, and stops it
// cleanly. Needs a production build (`npm run build`).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type TAppServer = {
  baseUrl: string;
  dataDir: string;
  output: () => string;
  /** Process id of the serve script, to show it was never restarted. */
  pid: number | undefined;
  /** True while the app's process runs. */
  alive: () => boolean;
  /** SIGTERM, wait for exit; the data directory is removed unless kept. */
  stop(options?: { keepDataDir?: boolean }): Promise<number | null>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}`);
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not answer /api/health within ${timeoutMs} ms`);
}

export async function startApp(env: Record<string, string> = {}): Promise<TAppServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "nms-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The test runner's own database settings never leak in; the caller's `env` may set them.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NMS_DATA_DIR: dataDir, PORT: String(port) };
  delete childEnv.DATABASE_URL;
  delete childEnv.NMS_DATABASE_KIND;
  Object.assign(childEnv, env);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "start"], { env: childEnv, stdio: "pipe" });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  try {
    await waitForHealth(baseUrl, child, 120_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    baseUrl,
    dataDir,
    output: () => log,
    pid: child.pid,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async (options = {}) => {
      const exited = new Promise<number | null>((resolve) =>
        child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
      );
      child.kill("SIGTERM");
      const code = await exited;
      if (!options.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
