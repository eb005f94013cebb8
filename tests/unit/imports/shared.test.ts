import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectFormat } from "@/lib/imports/detect-format";
import { ImportError } from "@/lib/imports/errors";
import { readLines } from "@/lib/imports/shared/text-stream";
import { BackgroundTally } from "@/lib/imports/shared/background-tally";
import { compactDate, dayNumber } from "@/lib/imports/shared/compact-date";
import { fieldsFromReactions, isNmsReaction } from "@/lib/imports/shared/nms-term";
import { quarterFiles, MAIN_QUARTER } from "./faers-fixtures";
import { buildZip, chunkedInput, stubNormalise, writeFiles } from "./helpers";

async function lines(input: ReturnType<typeof chunkedInput>) {
  const out: [string, number, boolean][] = [];
  for await (const l of readLines(input.stream, input.name)) out.push([l.text, l.line, l.last]);
  return out;
}

describe("readLines", () => {
  it("splits LF and CRLF lines whatever the chunking, marking the last line", async () => {
    const text = "a$b\r\nc$d\n\né$ü\nlast";
    const expected = [
      ["a$b", 1, false],
      ["c$d", 2, false],
      ["", 3, false],
      ["é$ü", 4, false],
      ["last", 5, true],
    ];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 24 }), async (size) => {
        expect(await lines(chunkedInput("t.txt", text, size))).toEqual(expected);
      }),
    );
    expect(await lines(chunkedInput("t.txt", "x\n", 4))).toEqual([["x", 1, true]]);
  });

  it.each([
    ["a lone continuation byte", [0x61, 0x0a, 0x62, 0x80, 0x0a], 2],
    ["an overlong encoding", [0x0a, 0x0a, 0xc0, 0xaf], 3],
    ["a file cut inside a character", [0x61, 0x0a, 0xe2, 0x82], 2],
    ["Latin-1 é", [0x63, 0x61, 0x66, 0xe9, 0x0a], 1],
  ])("refuses %s and names its line, at any chunk size", async (_label, bytes, line) => {
    for (const size of [1, 2, 64]) {
      const error = await lines(chunkedInput("bad.txt", new Uint8Array(bytes), size)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect([(error as ImportError).line, (error as ImportError).field]).toEqual([line, "encoding"]);
    }
  });
});

describe("compactDate", () => {
  it.each([
    ["2023", "start", "2023-01-01"],
    ["202302", "start", "2023-02-01"],
    ["20230215", "start", "2023-02-15"],
    ["20220614101010-0500", "start", "2022-06-14"],
    ["2023", "end", "2023-12-31"],
    ["202402", "end", "2024-02-29"],
    ["", "start", null],
  ] as const)("%s (%s) → %s", (value, bound, iso) => {
    expect(compactDate(value, bound)).toBe(iso);
  });

  it.each(["20230230", "20231301", "2023-01-01", "1/2/2023", "20230"])("refuses %s", (value) => {
    expect(() => compactDate(value)).toThrow();
  });

  it("caps an end-of-period date at today", () => {
    const year = new Date().getUTCFullYear();
    expect(compactDate(String(year), "end")).toBe(new Date().toISOString().slice(0, 10));
  });

  it("numbers days monotonically", () => {
    expect(dayNumber("19700102")).toBe(1);
    expect(dayNumber("20240201")).toBeGreaterThan(dayNumber("20240131") ?? Infinity);
  });
});

describe("NMS terms", () => {
  it("matches the PT trimmed and case-insensitively, or by MedDRA code", () => {
    expect(isNmsReaction("  NEUROLEPTIC  malignant syndrome ")).toBe(true);
    expect(isNmsReaction("", "10029282")).toBe(true);
    expect(isNmsReaction("Malignant hyperthermia")).toBe(false);
    expect(fieldsFromReactions(["Muscle rigidity", "RHABDOMYOLYSIS", "Pyrexia"])).toEqual({ rigidity: true, rhabdomyolysis: true });
  });
});

describe("BackgroundTally", () => {
  it("counts each report once per drug, in run mode and in exact mode", () => {
    const rows: [string, string, boolean][] = [
      ["1", "HALDOL", true],
      ["1", "haloperidol", true],
      ["2", "HALDOL", false],
      ["2", "aspirin", false],
    ];
    for (const exact of [false, true]) {
      const tally = new BackgroundTally(stubNormalise, exact);
      for (const [id, name, nms] of rows) tally.add(id, [name], nms);
      expect(tally.records()).toEqual([
        { kind: "background", drugName: "ASPIRIN", catalogueName: null, reports: 1, nmsReports: 0 },
        { kind: "background", drugName: "haloperidol", catalogueName: "haloperidol", reports: 2, nmsReports: 1 },
      ]);
    }
  });
});

describe("detectFormat", () => {
  const folder = writeFiles({
    ...quarterFiles(MAIN_QUARTER, "faers/ascii/"),
    "cases.csv": "source_id,received_date\n",
    "page.json": '{"meta": {}, "results": []}',
    "icsr.xml": "<?xml version='1.0'?><ichicsr></ichicsr>",
    noext: '  [{"safetyreportid": "1"}]',
    "misnamed.csv": "<MCCI_IN200100UV01/>",
    "table.txt": "primaryid$caseid\n1$1\n",
    "faers.zip": buildZip(quarterFiles(MAIN_QUARTER)),
    "bulk.zip": buildZip({ "drug-event-0001-of-0001.json": "[]" }),
    "other.zip": buildZip({ "a.pdf": "x" }),
    "notes.txt": "hello",
  });
  it.each([
    ["faers", "faers"],
    ["faers/ascii", "faers"],
    ["cases.csv", "csv"],
    ["page.json", "openfda"],
    ["icsr.xml", "e2b"],
    ["noext", "openfda"],
    ["misnamed.csv", "e2b"],
    ["faers.zip", "faers"],
    ["bulk.zip", "openfda"],
  ])("%s → %s", async (path, format) => {
    expect(await detectFormat(`${folder}/${path}`)).toBe(format);
  });

  it.each(["table.txt", "other.zip", "notes.txt", "missing.csv"])("%s is refused", async (path) => {
    await expect(detectFormat(`${folder}/${path}`)).rejects.toBeInstanceOf(ImportError);
  });

  it("detects bytes in memory and trusts the name of a stream", async () => {
    expect(await detectFormat({ name: "upload", bytes: new TextEncoder().encode("source_id,onset_date\n") })).toBe("csv");
    expect(await detectFormat(chunkedInput("upload.json", "[]", 1))).toBe("openfda");
  });
});
