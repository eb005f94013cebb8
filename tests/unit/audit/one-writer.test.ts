// One audit writer (docs/architecture.md, "The database access rule"): audit events are
// inserted by lib/audit/write-audit-event.ts and nowhere else — not through Prisma's auditEvent
// model, not by another INSERT. A new writer elsewhere fails here, naming its file and line.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../../..");
const SOURCE_DIRS = ["app", "lib", "seed", "scripts", "bench", "proxy.ts"];
const WRITER = "lib/audit/write-audit-event.ts";
/** Inserting through Prisma's model or by SQL (quoted or not, any case, any spacing). */
const WRITES = [/\.auditEvent\s*\.\s*(create|createMany|createManyAndReturn|upsert)\s*\(/, /insert\s+into\s+"?audit_event"?/i];

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!statSync(full).isDirectory()) return /\.(ts|tsx|js|mjs|cjs|sql)$/.test(entry) ? [entry] : [];
  if (entry === "lib/generated") return [];
  return readdirSync(full).flatMap((name) => sourceFiles(path.join(entry, name)));
}

function auditWriters(files: readonly string[], read: (file: string) => string): string[] {
  return files.flatMap((file) =>
    read(file)
      .split("\n")
      .flatMap((line, i) => (WRITES.some((w) => w.test(line)) ? [`${file}:${i + 1}`] : [])),
  );
}

describe("the one audit writer", () => {
  it("nothing outside lib/audit/write-audit-event.ts inserts an audit event", () => {
    const files = SOURCE_DIRS.flatMap(sourceFiles).filter((f) => f !== WRITER);
    expect(files.length).toBeGreaterThan(100);
    expect(auditWriters(files, (f) => readFileSync(path.join(ROOT, f), "utf8"))).toEqual([]);
  });

  it("the writer itself is found by the same patterns, and so would a Prisma or SQL insert elsewhere", () => {
    expect(auditWriters([WRITER], (f) => readFileSync(path.join(ROOT, f), "utf8")).length).toBeGreaterThan(0);
    const samples: Record<string, string> = {
      "a.ts": "await tx.auditEvent.create({ data })",
      "b.ts": "await prisma.auditEvent\n  .createMany({ data })",
      "c.ts": "client.query(`insert into audit_event (actor) values ($1)`)",
      "d.ts": 'const sql = `INSERT INTO "audit_event" SELECT 1`',
      "e.ts": "prisma.auditEvent.findMany({ where })",
    };
    expect(auditWriters(Object.keys(samples), (f) => samples[f]!)).toEqual(["a.ts:1", "c.ts:1", "d.ts:1"]);
  });
});
