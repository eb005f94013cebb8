// The openFDA feed's fetched pages on disk, and the one JSON document the importer reads them as:
// each page file holds its reports' JSON texts joined by commas, so pages a..b stream as
// {"results":[page a, …, page b]} without ever being parsed or held whole.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";

export const pageFile = (dir: string, page: number) => path.join(dir, `page-${String(page).padStart(6, "0")}.json`);

export async function* pagesAsDocument(dir: string, from: number, to: number): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode('{"results":[\n');
  let first = true;
  for (let page = from; page <= to; page++) {
    const file = pageFile(dir, page);
    if ((await stat(file)).size === 0) continue;
    if (!first) yield encoder.encode(",\n");
    first = false;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) yield chunk as Buffer;
  }
  yield encoder.encode("\n]}\n");
}
