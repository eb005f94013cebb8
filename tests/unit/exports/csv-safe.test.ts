// CSV cells a spreadsheet cannot run (OWASP CSV injection), numbers plain, RFC 4180 quoting.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { csvCell, csvRows, neutralise, restoreNeutralised } from "@/lib/exports/csv-safe";

describe("csv-safe", () => {
  it.each([
    ["=1+2", "'=1+2"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["＝1", "'＝1"],
    ["haloperidol", "haloperidol"],
    ["a=b", "a=b"],
    ["", ""],
  ])("neutralises %j as %j", (input, output) => expect(neutralise(input)).toBe(output));

  it("guards text that already starts with apostrophes, so the importer's restoreNeutralised is the exact inverse", () => {
    expect(neutralise("'=1")).toBe("''=1");
    expect(neutralise("'-3")).toBe("'-3");
    expect(neutralise("'hello")).toBe("'hello");
    expect(restoreNeutralised("'=1")).toBe("=1");
    expect(restoreNeutralised("'-3")).toBe("'-3");
    const text = fc.stringMatching(/^['=+\-@\t0-9a-z.]{0,8}$/);
    fc.assert(
      fc.property(text, (t) => {
        expect(restoreNeutralised(neutralise(t))).toBe(t);
      }),
    );
  });

  it("leaves plain numbers numeric, negative ones included", () => {
    expect(neutralise("-3")).toBe("-3");
    expect(neutralise("-0.25")).toBe("-0.25");
    expect(csvCell(-1.5e-7)).toBe("-1.5e-7");
    expect(csvCell(12345678)).toBe("12345678");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(true)).toBe("yes");
  });

  it("quotes what needs quoting, with CRLF line ends, and parses back", () => {
    const text = csvRows([
      ["a", "b"],
      ['say "hi", then\nleave', "=evil"],
    ]);
    expect(text).toBe('a,b\r\n"say ""hi"", then\nleave",\'=evil\r\n');
    expect(parse(text)).toEqual([
      ["a", "b"],
      ['say "hi", then\nleave', "'=evil"],
    ]);
  });
});
