// Hostile import files for the importer fuzzer: valid fixtures of each format (canonical CSV,
// FAERS quarter ZIP, openFDA JSON, E2B R3 and R2 XML) cut short, spliced with hostile text or
// invalid UTF-8, with values of the wrong type or size, nested too deep — and plain random bytes.
import fc from "fast-check";
import type { TImportFormat } from "@/lib/imports/types";
import { NMS_MESSAGE, R2_FILE, r3Batch, r3Message } from "../unit/imports/e2b-fixtures";
import { MAIN_QUARTER, quarterFiles } from "../unit/imports/faers-fixtures";
import { buildZip } from "../unit/imports/helpers";
import { MARKUP, SQL_INJECTIONS, UNICODE_EDGES, hostileValue, invalidUtf8 } from "./fuzz-support";

export type TImportFile = { format: Exclude<TImportFormat, "exposure">; name: string; bytes: Uint8Array; how: string };

/** A file as fast-check prints it in a counterexample: what was done, not kilobytes of bytes. */
const described = (file: TImportFile): TImportFile =>
  Object.assign(file, { [fc.toStringMethod]: () => `${file.format} ${file.name} (${file.bytes.length} bytes): ${file.how}` });

const utf8 = (text: string) => new TextEncoder().encode(text);

export const CSV_FIXTURE =
  [
    "source_id,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative",
    'F-1,2024-03-10,2024-03-01,US,M,34,"HALDOL DECANOATE:suspect;LORAZEPAM:concomitant",40.1,yes,yes,12000,recovered,"Fever, rigidity"',
    "F-2,2024-04-02,2024-03-28,GB,F,,olanzapine:suspect,38.6,yes,,900,fatal,",
    "F-3,2024-05-01,2024-04-20,DE,U,71,levodopa:withdrawn,39.2,no,yes,,unknown,",
  ].join("\r\n") + "\r\n";

const openFdaReport = (id: string, pt: string) => ({
  safetyreportid: id,
  safetyreportversion: "2",
  receivedate: "20240115",
  occurcountry: "FR",
  primarysource: { qualification: "1", reportercountry: "FR" },
  patient: {
    patientsex: "1",
    patientonsetage: "45",
    patientonsetageunit: "801",
    reaction: [{ reactionmeddrapt: pt, reactionoutcome: "1" }],
    drug: [{ medicinalproduct: "HALDOL", drugcharacterization: "1", openfda: { generic_name: ["HALOPERIDOL"] } }],
  },
});
export const OPENFDA_FIXTURE = {
  meta: { results: { skip: 0, limit: 2, total: 2 } },
  results: [openFdaReport("501", "Neuroleptic malignant syndrome"), openFdaReport("502", "Nausea")],
};
export const E2B_R3_FIXTURE = r3Batch([r3Message(NMS_MESSAGE)]);
export const FAERS_TABLES = quarterFiles(MAIN_QUARTER);

/** The valid file of each format, as text (FAERS: its DEMO table; the ZIP is built around it). */
const FIXTURES: { format: Exclude<TImportFormat, "exposure">; name: string; text: string }[] = [
  { format: "csv", name: "cases.csv", text: CSV_FIXTURE },
  { format: "openfda", name: "drug-event.json", text: JSON.stringify(OPENFDA_FIXTURE, null, 1) },
  { format: "e2b", name: "icsr-r3.xml", text: E2B_R3_FIXTURE },
  { format: "e2b", name: "icsr-r2.xml", text: R2_FILE },
  ...Object.keys(FAERS_TABLES).map((table) => ({ format: "faers" as const, name: table, text: FAERS_TABLES[table]! })),
];

const spliceText = (text: string, at: number, cut: number, insert: string) => {
  const i = Math.min(at, text.length);
  return text.slice(0, i) + insert + text.slice(Math.min(text.length, i + cut));
};
const spliceBytes = (bytes: Uint8Array, at: number, insert: Uint8Array) => {
  const i = Math.min(at, bytes.length);
  return Uint8Array.from([...bytes.subarray(0, i), ...insert, ...bytes.subarray(i)]);
};

const HOSTILE_TEXT = [
  ...SQL_INJECTIONS,
  ...MARKUP,
  ...UNICODE_EDGES,
  '"',
  '""',
  ",",
  "\r",
  "\n",
  "$",
  ";",
  ":",
  "<",
  "</",
  "]]>",
  "{",
  "[",
  "\\",
  "-1e400",
  "1e400",
  "99999999999999999999999",
  "NaN",
];
const deepXml = fc.integer({ min: 100, max: 50_000 }).map((n) => `${"<a>".repeat(n)}x${"</a>".repeat(n)}`);
const deepJson = fc.integer({ min: 100, max: 50_000 }).map((n) => `${'{"a":['.repeat(n)}1${"]}".repeat(n)}`);
/** Entity tricks: an external entity (XXE) and exponential expansion ("billion laughs"). */
export const XML_ENTITY_ATTACKS = [
  '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ichicsr><safetyreport><safetyreportid>&xxe;</safetyreportid></safetyreport></ichicsr>',
  `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${"b".repeat(i + 1)} "${`&${i === 0 ? "a" : "b".repeat(i)};`.repeat(10)}">`).join("")}]><ichicsr><safetyreport><safetyreportid>&bbbbbbbbb;</safetyreportid></safetyreport></ichicsr>`,
];

/** Mutations of a fixture's text, each named so a failure says what was done. */
const textMutation = (text: string): fc.Arbitrary<[string, string]> =>
  fc.oneof(
    fc.nat(text.length).map((n): [string, string] => [text.slice(0, n), `truncated at ${n}`]),
    fc
      .tuple(fc.nat(text.length), fc.nat(20), fc.constantFrom(...HOSTILE_TEXT))
      .map(([at, cut, s]): [string, string] => [spliceText(text, at, cut, s), `spliced ${JSON.stringify(s)} at ${at}`]),
    fc
      .tuple(fc.nat(text.length), fc.nat(20), fc.string({ unit: "binary", maxLength: 30 }))
      .map(([at, cut, s]): [string, string] => [spliceText(text, at, cut, s), `spliced random text at ${at}`]),
    fc
      .tuple(fc.nat(text.length), hostileValue)
      .map(([at, v]): [string, string] => [
        spliceText(text, at, 0, typeof v === "string" ? v : (JSON.stringify(v) ?? "")),
        `spliced a hostile value at ${at}`,
      ]),
    fc
      .tuple(fc.nat(text.length), fc.oneof(deepXml, deepJson))
      .map(([at, deep]): [string, string] => [spliceText(text, at, 0, deep), `deep nesting at ${at}`]),
    fc
      .tuple(fc.nat(text.length), fc.integer({ min: 2, max: 200 }))
      .map(([at, times]): [string, string] => [text.slice(0, at) + text.slice(at).repeat(times), `tail repeated ${times}×`]),
  );

/** One hostile import file of any format. */
export const hostileImportFile: fc.Arbitrary<TImportFile> = fc
  .oneof(
    // FAERS has seven tables to the others' one file: pick the format first, so each gets its share.
    {
      weight: 6,
      arbitrary: fc
        .oneof(
          { weight: 4, arbitrary: fc.constantFrom(...FIXTURES.filter((f) => f.format !== "faers")) },
          { weight: 1, arbitrary: fc.constantFrom(...FIXTURES.filter((f) => f.format === "faers")) },
        )
        .chain((fixture) =>
          textMutation(fixture.text).map(([text, how]): TImportFile => {
            if (fixture.format !== "faers")
              return { format: fixture.format, name: fixture.name, bytes: utf8(text), how: `${fixture.name}: ${how}` };
            // A FAERS quarter is a ZIP of tables: one table mutated, the ZIP itself well-formed.
            return {
              format: "faers",
              name: "faers_ascii_2024Q1.zip",
              bytes: buildZip({ ...FAERS_TABLES, [fixture.name]: text }),
              how: `${fixture.name}: ${how}`,
            };
          }),
        ),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...FIXTURES), fc.nat(4_000), invalidUtf8).map(([fixture, at, bytes]): TImportFile => {
        const file = fixture.format === "faers" ? { ...fixture, name: "faers_ascii_2024Q1.zip" } : fixture;
        const raw =
          fixture.format === "faers"
            ? buildZip({ ...FAERS_TABLES, [fixture.name]: spliceBytes(utf8(fixture.text), at, bytes) })
            : spliceBytes(utf8(fixture.text), at, bytes);
        return { format: fixture.format, name: file.name, bytes: raw, how: `${fixture.name}: invalid UTF-8 at ${at}` };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.nat(6_000), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([at, junk]): TImportFile => {
        const zip = buildZip(FAERS_TABLES);
        return {
          format: "faers",
          name: "faers_ascii_2024Q1.zip",
          bytes: spliceBytes(zip, at % zip.length, junk),
          how: `ZIP bytes spliced at ${at % zip.length}`,
        };
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom<Exclude<TImportFormat, "exposure">>("csv", "openfda", "e2b", "faers"), fc.uint8Array({ maxLength: 3_000 }))
        .map(([format, bytes]): TImportFile => ({
          format,
          name: { csv: "r.csv", openfda: "r.json", e2b: "r.xml", faers: "faers_ascii_2024Q1.zip" }[format],
          bytes,
          how: "random bytes",
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...XML_ENTITY_ATTACKS)
        .map((text): TImportFile => ({ format: "e2b", name: "entities.xml", bytes: utf8(text), how: "XML entity attack" })),
    },
    { weight: 1, arbitrary: structuredOpenFda() },
  )
  .map(described);

/** openFDA JSON with one value anywhere replaced by a wrong type, a huge value or deep nesting. */
function structuredOpenFda(): fc.Arbitrary<TImportFile> {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
  };
  walk(OPENFDA_FIXTURE, []);
  return fc.tuple(fc.constantFrom(...paths.filter((p) => p.length > 0)), hostileValue).map(([path, value]): TImportFile => {
    const copy = JSON.parse(JSON.stringify(OPENFDA_FIXTURE)) as Record<string | number, unknown>;
    let at: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    at[path[path.length - 1]!] = value;
    return { format: "openfda", name: "typed.json", bytes: utf8(JSON.stringify(copy)), how: `openFDA ${path.join(".")} replaced` };
  });
}
