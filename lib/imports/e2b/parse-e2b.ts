// ICH E2B ICSR XML import: R3 (HL7 v3 batches, as FDA's FAERS R3 examples) and R2 (ichicsr,
// as FAERS' public XML). The file is cut into one report at a time, each parsed on its own.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { fileError, normaliserOf } from "../errors";
import { isNmsReaction } from "../shared/nms-term";
import type { TImportInput, TParseOptions, TParsedRecord, TRecordRef } from "../types";
import { decodeUtf8, openInput } from "../shared/text-stream";
import { readE2bR2Report } from "../shared/e2b-r2-map";
import { reportsToRecords, type TReadReport, type TSourceReport } from "../shared/report-pipeline";
import { splitIcsrMessages } from "./message-splitter";
import { readE2bR3Message } from "./r3-map";
import { parseXmlNodes } from "./xml-node";

// R2 elements carry no attributes and their names match openFDA's JSON fields one to one.
const r2Parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

/** Malformed XML inside one report: the splitter kept the file's structure, so it is that report's problem. */
function wellFormed(xml: string, ref: TRecordRef): void {
  const result = XMLValidator.validate(xml);
  if (result !== true) {
    const line = ref.line !== undefined ? ref.line + result.err.line - 1 : undefined;
    throw fileError({ ...ref, ...(line !== undefined ? { line } : {}) }, "xml", `is not well-formed XML (${result.err.msg})`);
  }
}

/** The XML parser's own limits (nesting deeper than it follows) are that report's problem, named as such. */
function parsedXml<T>(parse: () => T, ref: TRecordRef): T {
  try {
    return parse();
  } catch (error) {
    throw fileError(ref, "xml", `cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function* reportsOf(input: TImportInput, options: TParseOptions): AsyncGenerator<TSourceReport> {
  const { name: file, bytes } = openInput(input);
  const normalise = normaliserOf(options);
  const isCase = options.isCaseReaction ?? isNmsReaction;
  for await (const message of splitIcsrMessages(decodeUtf8(bytes, file), file)) {
    const ref = { file, line: message.line, record: message.index + 1 };
    wellFormed(message.xml, ref);
    const read = (): TReadReport => {
      if (message.version === "r2") {
        const parsed = parsedXml(() => r2Parser.parse(message.xml) as { safetyreport?: unknown }, ref);
        return readE2bR2Report(parsed.safetyreport, ref, "e2b", normalise, isCase);
      }
      const root = parsedXml(() => parseXmlNodes(message.xml), ref);
      const porr = Array.isArray(root.PORR_IN049016UV) ? root.PORR_IN049016UV[0] : undefined;
      if (!porr) throw fileError(ref, "xml", "no <PORR_IN049016UV> message");
      return readE2bR3Message(porr, ref, isCase, normalise);
    };
    yield { ref, read };
  }
}

export async function* parseE2b(input: TImportInput, options: TParseOptions = {}): AsyncGenerator<TParsedRecord> {
  yield* reportsToRecords(reportsOf(input, options), options);
}
