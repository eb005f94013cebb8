// Uploads that cannot starve the app (docs/security.md): a very wide CSV header is refused in
// linear time, a record past the size cap is refused while it streams, a ZIP whose entries
// inflate past the caps is refused before it inflates, and one oversized E2B report is refused
// without being held whole.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanStaleUploads } from "@/lib/imports/upload/clean-stale-uploads";
import { MAX_CSV_COLUMNS, MAX_CSV_RECORD_CHARS, parseCanonicalCsv } from "@/lib/imports/csv/parse-csv";
import { MAX_ICSR_CHARS } from "@/lib/imports/e2b/message-splitter";
import { parseE2b } from "@/lib/imports/e2b/parse-e2b";
import { MAX_COMPRESSION_RATIO, openZip } from "@/lib/imports/shared/zip";
import { CSV_REQUIRED_COLUMNS } from "@/lib/imports/csv/columns";
import { buildZip, importError } from "./helpers";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("CSV caps", () => {
  it("refuses a 0.7 MB header of 100,000 columns (the old duplicate check was quadratic)", async () => {
    const header = [...CSV_REQUIRED_COLUMNS, ...Array.from({ length: 100_000 }, (_, i) => `x${i}`)].join(",");
    const error = await importError(parseCanonicalCsv({ name: "wide.csv", bytes: bytes(`${header}\n`) }));
    expect(error.message).toContain(`at most ${MAX_CSV_COLUMNS}`);
  });

  it("still names a duplicated column", async () => {
    const header = [...CSV_REQUIRED_COLUMNS, "sex"].join(",");
    const error = await importError(parseCanonicalCsv({ name: "dup.csv", bytes: bytes(`${header}\n`) }));
    expect(error.message).toContain("appears twice");
  });

  it("refuses a record longer than the cap while streaming it", async () => {
    async function* endless(): AsyncGenerator<Uint8Array> {
      await Promise.resolve();
      yield bytes(`${CSV_REQUIRED_COLUMNS.join(",")}\n"`);
      const block = bytes("a".repeat(65_536));
      // Twice the cap in total; the parser must stop once past it.
      for (let sent = 0; sent < 2 * MAX_CSV_RECORD_CHARS; sent += block.length) yield block;
    }
    const error = await importError(parseCanonicalCsv({ name: "long.csv", stream: endless() }));
    expect(error.message).toMatch(/max_record_size|record size|maximum/i);
  });
});

describe("ZIP caps", () => {
  it("refuses an entry whose compression ratio gives it away as a bomb, before inflating it", async () => {
    const zip = buildZip({ "DEMO24Q1.txt": new Uint8Array(64 * 1024 * 1024) }); // 64 MB of zeros: ~1000:1
    const error = await openZip(zip, "bomb.zip").then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(`beyond the ${MAX_COMPRESSION_RATIO}:1`);
  });

  it("opens an ordinary archive", async () => {
    const archive = await openZip(buildZip({ "a.txt": "hello, world\n".repeat(1000) }), "ok.zip");
    expect(archive.names).toEqual(["a.txt"]);
    archive.close();
  });
});

describe("upload temp folders", () => {
  it("are removed on start when the process that received them is gone, kept while it runs", () => {
    const root = mkdtempSync(path.join(tmpdir(), "nms-clean-"));
    for (const name of ["nms-upload-999999999-abc", `nms-upload-${process.pid}-def`, "nms-upload-old", "other"]) {
      mkdirSync(path.join(root, name));
      writeFileSync(path.join(root, name, "file.csv"), "x");
    }
    expect(cleanStaleUploads(root).sort()).toEqual(["nms-upload-999999999-abc", "nms-upload-old"]);
    expect(readdirSync(root).sort()).toEqual([`nms-upload-${process.pid}-def`, "other"]);
    rmSync(root, { recursive: true, force: true });
  });
});

describe("E2B caps", () => {
  it("refuses one report larger than the cap", async () => {
    async function* huge(): AsyncGenerator<Uint8Array> {
      await Promise.resolve();
      yield bytes('<?xml version="1.0"?>\n<ichicsr><safetyreport><narrative>');
      const block = bytes("x".repeat(1024 * 1024));
      for (let sent = 0; sent <= MAX_ICSR_CHARS + block.length; sent += block.length) yield block;
      yield bytes("</narrative></safetyreport></ichicsr>");
    }
    const error = await importError(parseE2b({ name: "huge.xml", stream: huge() }));
    expect(error.message).toContain(`larger than ${MAX_ICSR_CHARS / 1024 / 1024} MB`);
  });
});
