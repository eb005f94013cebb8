// Property-based fuzzing of the four importers: each parser, given a hostile file, either yields
// valid cases ending in a summary or throws an ImportError naming the file and field (never a
// TypeError, RangeError or a hang); runImport on the same files is all-or-nothing: a refused
// file leaves the case data untouched and a failed job saying why.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { ZCaseInput } from "@/lib/domain/case-schema";
import { parseCanonicalCsv } from "@/lib/imports/csv/parse-csv";
import { parseE2b } from "@/lib/imports/e2b/parse-e2b";
import { ImportError } from "@/lib/imports/errors";
import { parseFaers } from "@/lib/imports/faers/parse-faers";
import { parseOpenFda } from "@/lib/imports/openfda/parse-openfda";
import type { TImportFormat, TImportInput, TParseOptions, TParsedRecord } from "@/lib/imports/types";
import { runImport } from "@/lib/imports/write/run-import";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../helpers/test-database";
import { hostileImportFile, type TImportFile } from "./fuzz-import-inputs";
import { FUZZ_FLOORS, FuzzLedger, type TFingerprint, fingerprint, floorsAddUp, fuzzParams, withinTime } from "./fuzz-support";

const PARSERS: Record<
  Exclude<TImportFormat, "exposure">,
  (input: TImportInput, options: TParseOptions) => AsyncGenerator<TParsedRecord>
> = {
  csv: parseCanonicalCsv,
  faers: parseFaers,
  openfda: parseOpenFda,
  e2b: parseE2b,
};

const ledger = new FuzzLedger();
const dir = mkdtempSync(path.join(os.tmpdir(), "nms-fuzz-import-"));
let database: TTestDatabase;
let slowest = { ms: 0, how: "" };

beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
});
afterAll(async () => {
  console.info(`${ledger.report("fuzz-importers")}\n  slowest parse: ${slowest.ms} ms (${slowest.how})`);
  rmSync(dir, { recursive: true, force: true });
  await database.close();
});

/** The parser's verdict on a file: its records, or the ImportError it threw. Anything else fails. */
async function parse(file: TImportFile, skipInvalid: boolean): Promise<TParsedRecord[] | ImportError> {
  const started = performance.now();
  const records: TParsedRecord[] = [];
  try {
    await withinTime(
      (async () => {
        for await (const record of PARSERS[file.format]({ name: file.name, bytes: file.bytes }, { skipInvalid })) records.push(record);
      })(),
      `parse ${file.how}`,
    );
    return records;
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw new Error(`${file.format} parser threw a ${(error as Error).name ?? typeof error} on ${file.how}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    const ms = Math.round(performance.now() - started);
    if (ms > slowest.ms) slowest = { ms, how: `${file.format}: ${file.how}` };
  }
}

function expectSound(file: TImportFile, verdict: TParsedRecord[] | ImportError): void {
  if (verdict instanceof ImportError) {
    // Names where (a file of the import) and what (a field or element), with a reason.
    expect(verdict.file, file.how).toBeTruthy();
    expect(verdict.field, file.how).toBeTruthy();
    expect(verdict.reason, file.how).toBeTruthy();
    return;
  }
  expect(verdict.at(-1)?.kind, `${file.how}: ends with the summary`).toBe("summary");
  // An external entity is never resolved: no file of this machine ends up in a record.
  expect(JSON.stringify(verdict), file.how).not.toMatch(/root:.*:0:0:/);
  for (const record of verdict) {
    if (record.kind === "case") expect(ZCaseInput.safeParse(record.case).success, `${file.how}: a yielded case is valid`).toBe(true);
    if (record.kind === "reject") expect(record.field, file.how).toBeTruthy();
  }
}

describe("fuzzed import files", () => {
  it("every parser: valid cases and a summary, or an ImportError naming file and field", async () => {
    await fc.assert(
      fc.asyncProperty(hostileImportFile, fc.boolean(), async (file, skipInvalid) => {
        const verdict = await parse(file, skipInvalid);
        ledger.add(`parse ${file.format}`, verdict instanceof ImportError ? "ImportError" : "parsed");
        expectSound(file, verdict);
      }),
      fuzzParams(3_300),
    );
  });

  it("runImport on the files as temp files: all or nothing, a failed job when refused", async () => {
    let expected: TFingerprint = await fingerprint();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostileImportFile, fc.boolean(), async (file, skipInvalid) => {
        const target = path.join(dir, `${++n}-${file.name}`);
        writeFileSync(target, file.bytes);
        const label = `runImport ${file.how}`;
        let outcome: Awaited<ReturnType<typeof runImport>> | ImportError;
        try {
          outcome = await withinTime(runImport(target, { format: file.format, skipInvalid, actor: "fuzz" }), label, 30_000);
        } catch (error) {
          if (!(error instanceof ImportError))
            throw new Error(`${label}: threw ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
          outcome = error;
        } finally {
          rmSync(target, { force: true });
        }
        ledger.add(`runImport ${file.format}`, outcome instanceof ImportError ? "refused" : "imported");
        const now = await fingerprint();
        if (outcome instanceof ImportError) {
          expect(now, `${label}: nothing kept`).toEqual(expected);
          const job = await getPrisma().importJob.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
          expect(job.status, label).toBe("failed");
          const errors = job.errors as { message?: unknown }[] | null;
          expect(errors?.length, label).toBe(1);
          expect(typeof errors?.[0]?.message, label).toBe("string");
          return;
        }
        // Accepted: one more succeeded job; new case rows are exactly the ones counted as imported.
        expect(Number(now.succeeded_imports), label).toBe(Number(expected.succeeded_imports) + 1);
        expect(Number(now.cases) - Number(expected.cases), label).toBe(outcome.imported);
        expect(Number(now.audit_events), label).toBeGreaterThan(Number(expected.audit_events));
        if (outcome.imported + outcome.updated + outcome.deleted === 0)
          expect(now.case_rows, `${label}: nothing changed`).toBe(expected.case_rows);
        expected = now;
      }),
      fuzzParams(300),
    );
  });

  it(`tried at least ${FUZZ_FLOORS["fuzz-importers"]} generated inputs (the fuzz files add up to 10,000)`, () => {
    expect(floorsAddUp()).toBe(true);
    expect(ledger.total).toBeGreaterThanOrEqual(FUZZ_FLOORS["fuzz-importers"]);
  });
});
