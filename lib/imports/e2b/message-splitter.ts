// Splits an ICH ICSR XML file into its reports without parsing it whole: E2B(R3) batches
// (<MCCI_IN200100UV01>) hold one <PORR_IN049016UV> message per report, E2B(R2) files
// (<ichicsr>) one <safetyreport> per report. Memory holds one report's text at a time; each is
// then parsed alone (fast-xml-parser parses whole documents only).
import { fileError } from "../errors";

export type TIcsrVersion = "r2" | "r3";
export type TIcsrMessage = { version: TIcsrVersion; xml: string; line: number; index: number };

const START = /<(safetyreport|PORR_IN049016UV)[\s>]/;
const END: Readonly<Record<TIcsrVersion, string>> = { r2: "</safetyreport>", r3: "</PORR_IN049016UV>" };
const ROOT_START = /<(ichicsr|MCCI_IN200100UV01)[\s>]/;
const ROOT_END = /<\/(ichicsr|MCCI_IN200100UV01)\s*>/;
/** Kept between chunks when no tag is found, so a tag split across two chunks is still seen. */
const TAIL = 64;
/**
 * One report's XML at most (docs/security.md): a real ICSR is kilobytes to a few megabytes; a
 * 200 MB "report" parsed whole took 1.9 GB, so anything past 16 MB is refused while it streams.
 */
export const MAX_ICSR_CHARS = 16 * 1024 * 1024;

const newlines = (text: string) => {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
};

export async function* splitIcsrMessages(chunks: AsyncIterable<string>, file: string): AsyncGenerator<TIcsrMessage> {
  let buffer = "";
  let line = 1; // line of buffer[0]
  let inside: TIcsrVersion | undefined;
  let searchFrom = 0;
  let index = 0;
  let rootStarted = false;
  let rootEnded = false;
  const drop = (count: number) => {
    line += newlines(buffer.slice(0, count));
    buffer = buffer.slice(count);
  };

  for await (const chunk of chunks) {
    buffer += chunk;
    for (;;) {
      if (!inside) {
        rootStarted ||= ROOT_START.test(buffer);
        rootEnded ||= ROOT_END.test(buffer);
        const start = START.exec(buffer);
        if (!start) {
          drop(Math.max(0, buffer.length - TAIL));
          break;
        }
        drop(start.index);
        inside = start[1] === "safetyreport" ? "r2" : "r3";
        searchFrom = 0;
      }
      const endTag = END[inside];
      const end = buffer.indexOf(endTag, searchFrom);
      if (end === -1) {
        searchFrom = Math.max(0, buffer.length - endTag.length);
        if (buffer.length > MAX_ICSR_CHARS)
          throw fileError({ file, line }, "xml", `report ${index + 1} is larger than ${MAX_ICSR_CHARS / 1024 / 1024} MB`);
        break;
      }
      const xml = buffer.slice(0, end + endTag.length);
      yield { version: inside, xml, line, index: index++ };
      drop(xml.length);
      inside = undefined;
    }
  }
  rootEnded ||= ROOT_END.test(buffer);
  if (inside) throw fileError({ file, line }, "xml", `the file ends inside report ${index + 1} (truncated file?)`);
  if (!rootStarted) throw fileError({ file, line: 1 }, "xml", "is not an ICH ICSR file (no <ichicsr> or <MCCI_IN200100UV01> element)");
  if (!rootEnded) throw fileError({ file, line }, "xml", "the file ends before its closing root element (truncated file?)");
}
