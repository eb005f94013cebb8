// Streams the reports out of an openFDA drug-event JSON document without parsing it whole:
// an API page or bulk file `{ "meta": …, "results": [ {report}, … ] }`, a bare array of
// reports, or a single report object. A small state machine tracks strings, escapes and
// nesting; memory holds one report's text at a time (plus the small preamble before
// "results"), so a multi-gigabyte bulk file streams in constant space.
import { fileError } from "../errors";

export type TJsonElement = { text: string; line: number; index: number };

const QUOTE = 34,
  BACKSLASH = 92,
  NEWLINE = 10;
const OPEN_OBJECT = 123,
  CLOSE_OBJECT = 125,
  OPEN_ARRAY = 91,
  CLOSE_ARRAY = 93,
  COLON = 58,
  COMMA = 44;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** A report bigger than this is not a report: refuse rather than exhaust memory. */
const MAX_ELEMENT = 64 * 1024 * 1024;

export class JsonReportScanner {
  private readonly stack: number[] = [];
  private inString = false;
  private escaped = false;
  private line = 1;
  private rootDone = false;
  /** Depth (stack length) inside the array whose elements are reports; undefined until known, -1 after it. */
  private reportsDepth: number | undefined;
  private keyExpected = false;
  private key: string | undefined; // the depth-1 key being read, or the last one read
  private readingKey = false;
  private capture: { depth: number; parts: string[]; size: number; line: number; start: number } | undefined;
  private index = 0;

  constructor(private readonly file: string) {}

  private fail(reason: string): never {
    throw fileError({ file: this.file, line: this.line }, "json", reason);
  }

  /** Feeds the next chunk of text; returns the reports completed within it. */
  push(chunk: string): TJsonElement[] {
    const done: TJsonElement[] = [];
    if (this.capture) this.capture.start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = this.readingKey = false;
        else if (this.readingKey) this.key += chunk[i] ?? "";
        continue;
      }
      if (isSpace(c)) continue;
      if (this.rootDone) this.fail("unexpected content after the end of the JSON document");
      const depth = this.stack.length;
      if (depth === 0 && c !== OPEN_OBJECT && c !== OPEN_ARRAY) this.fail("the document is not a JSON object or array");
      if (depth === this.reportsDepth && !this.capture && c !== COMMA && c !== CLOSE_ARRAY) {
        if (c !== OPEN_OBJECT) this.fail(`report ${this.index + 1} is not a JSON object`);
        this.capture = { depth: depth + 1, parts: [], size: 0, line: this.line, start: i };
      }
      if (c === QUOTE) {
        this.inString = true;
        if (depth === 1 && this.stack[0] === OPEN_OBJECT && this.keyExpected && this.reportsDepth === undefined) {
          this.readingKey = true;
          this.key = "";
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (depth === 0) this.startRoot(c, i);
        else if (depth === 1 && this.key === "results" && this.reportsDepth === undefined && !this.keyExpected) {
          if (c !== OPEN_ARRAY) this.fail('"results" is not an array');
          this.capture = undefined; // the preamble ("meta") was not a report after all
          this.reportsDepth = 2;
        }
        // Keys are only tracked in the root object: its first token after "{" is a key.
        if (depth === 0) this.keyExpected = c === OPEN_OBJECT;
        this.stack.push(c);
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        const open = this.stack.pop();
        if (open !== (c === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) this.fail(`unexpected '${String.fromCharCode(c)}'`);
        if (this.capture && this.stack.length === this.capture.depth - 1) done.push(this.finish(chunk, i));
        if (this.stack.length === 0) this.rootDone = true;
        if (this.reportsDepth !== undefined && this.stack.length < this.reportsDepth) this.reportsDepth = -1; // the reports array is over
      } else if (c === COLON) {
        if (depth === 1) this.keyExpected = false;
      } else if (c === COMMA) {
        if (depth === 1) this.keyExpected = this.stack[0] === OPEN_OBJECT;
      }
    }
    if (this.capture) this.keep(chunk.slice(this.capture.start));
    return done;
  }

  private startRoot(c: number, i: number): void {
    if (c === OPEN_ARRAY) this.reportsDepth = 1;
    // An object root may be a single report: keep its text until a "results" key says otherwise.
    else this.capture = { depth: 1, parts: [], size: 0, line: this.line, start: i };
  }

  private keep(text: string): void {
    if (!this.capture) return;
    this.capture.parts.push(text);
    this.capture.size += text.length;
    if (this.capture.size > MAX_ELEMENT) this.fail(`report ${this.index + 1} is larger than 64 MB`);
  }

  private finish(chunk: string, end: number): TJsonElement {
    const capture = this.capture;
    if (!capture) this.fail("internal scanner state");
    this.keep(chunk.slice(capture.start, end + 1));
    this.capture = undefined;
    return { text: capture.parts.join(""), line: capture.line, index: this.index++ };
  }

  /** Call at end of input: a document cut short is a truncated file. */
  end(): void {
    if (this.inString || this.stack.length > 0) this.fail("the file ends inside the JSON document (truncated file?)");
    if (!this.rootDone) this.fail("the file holds no JSON document");
  }
}

/** Async wrapper: text chunks in, report texts out. */
export async function* scanJsonReports(chunks: AsyncIterable<string>, file: string): AsyncGenerator<TJsonElement> {
  const scanner = new JsonReportScanner(file);
  for await (const chunk of chunks) yield* scanner.push(chunk);
  scanner.end();
}
