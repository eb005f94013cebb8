// openFDA drug-event JSON import: an API results page, a bulk download file (also as its
// .json.zip), a bare array of reports or one report object — streamed report by report.
import { fileError, normaliserOf } from "../errors";
import { isNmsReaction } from "../shared/nms-term";
import type { TImportInput, TParseOptions, TParsedRecord } from "../types";
import { decodeUtf8, inputName, openInput } from "../shared/text-stream";
import { openZip } from "../shared/zip";
import { scanJsonReports } from "./json-array-scanner";
import { readE2bR2Report } from "../shared/e2b-r2-map";
import { reportsToRecords, type TSourceReport } from "../shared/report-pipeline";

type TDocument = { file: string; bytes: AsyncIterable<Uint8Array> };

async function* reportsOf(documents: Iterable<TDocument>, options: TParseOptions): AsyncGenerator<TSourceReport> {
  const normalise = normaliserOf(options);
  const isCase = options.isCaseReaction ?? isNmsReaction;
  for (const { file, bytes } of documents) {
    for await (const element of scanJsonReports(decodeUtf8(bytes, file), file)) {
      const ref = { file, line: element.line, record: element.index + 1 };
      let json: unknown;
      try {
        json = JSON.parse(element.text);
      } catch (error) {
        throw fileError(ref, "json", `is not valid JSON (${(error as Error).message})`);
      }
      if (typeof json === "object" && json !== null && "error" in json && !("safetyreportid" in json)) {
        throw fileError(ref, "error", `the document is an openFDA error response: ${JSON.stringify(json.error)}`);
      }
      yield { ref, read: () => readE2bR2Report(json, ref, "openfda", normalise, isCase) };
    }
  }
}

export async function* parseOpenFda(input: TImportInput, options: TParseOptions = {}): AsyncGenerator<TParsedRecord> {
  const name = inputName(input);
  if (!/\.zip$/i.test(name) || (typeof input !== "string" && !("bytes" in input))) {
    const { bytes } = openInput(input);
    yield* reportsToRecords(reportsOf([{ file: name, bytes }], options), options);
    return;
  }
  // openFDA publishes bulk files as drug-event-0001-of-0030.json.zip: read every .json inside.
  const zip = await openZip(typeof input === "string" ? input : input.bytes, name);
  try {
    const entries = zip.names.filter((n) => /\.json$/i.test(n)).sort();
    if (!entries.length) throw fileError({ file: name }, "file", "the ZIP holds no .json file");
    const documents = entries.map((entry) => ({ file: `${name}/${entry}`, bytes: zip.open(entry) }));
    yield* reportsToRecords(reportsOf(documents, options), options);
  } finally {
    zip.close();
  }
}
