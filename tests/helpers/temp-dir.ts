// Temporary directories a test file writes its input files into, removed after the file's tests
// (pass or fail): a full .ci/run used to leave ~300 MB of them in the OS temp directory.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const created: string[] = [];
// Registered when a test file first imports this module: a file-level hook.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new directory under the OS temp directory, named `<prefix>XXXXXX`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}
