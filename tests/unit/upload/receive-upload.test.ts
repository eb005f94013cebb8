// The upload receiver (busboy, streaming) against bodies encoded by the platform's own FormData,
// cut into chunks at every possible place (a boundary split across chunks must not leak into the
// file); a cut-off body, a second file and a long field are refused naming what is wrong.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { receiveUpload, sanitiseFileName } from "@/lib/imports/upload/receive-upload";

async function encoded(form: FormData): Promise<{ bytes: Uint8Array; contentType: string }> {
  const response = new Response(form);
  return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get("content-type") ?? "" };
}

/** A request whose body arrives in chunks of `size` bytes. */
function request(bytes: Uint8Array, contentType: string, size: number): Request {
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
  return new Request("http://localhost/api/v1/imports", {
    method: "POST",
    headers: { "content-type": contentType },
    body,
    duplex: "half",
  } as RequestInit);
}

/** The AppError a refused upload throws: its code and the issue it names. */
async function refusal(upload: Promise<unknown>): Promise<{ code: string; path: string | undefined; message: string }> {
  const error = await upload.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, path: error.issues[0]?.path, message: error.message };
}

describe("receiveUpload", () => {
  const content = "source_id,drugs\r\nA-1,haloperidol:suspect\r\n--not-a-boundary\r\n" + "x".repeat(5000);

  it("reads fields and a file whatever the chunking", async () => {
    const form = new FormData();
    form.append("format", "csv");
    form.append("file", new Blob([content]), "cases é.csv");
    const { bytes, contentType } = await encoded(form);
    for (const size of [1, 2, 3, 7, 41, 64, 1000, bytes.length]) {
      const upload = await receiveUpload(request(bytes, contentType, size));
      try {
        expect({ fileName: upload.fileName, bytes: upload.bytes, fields: upload.fields }, `chunks of ${size}`).toEqual({
          fileName: "cases é.csv",
          bytes: content.length,
          fields: { format: "csv" },
        });
        expect(await readFile(upload.path, "utf8")).toBe(content);
      } finally {
        await upload.discard();
      }
    }
  });

  it("refuses a body that ends before its closing boundary", async () => {
    const form = new FormData();
    form.append("file", new Blob([content]), "a.csv");
    const { bytes, contentType } = await encoded(form);
    expect(await refusal(receiveUpload(request(bytes.subarray(0, bytes.length - 10), contentType, 64)))).toMatchObject({
      code: "invalid_input",
      path: "(body)",
      message: expect.stringMatching(/not valid multipart\/form-data/) as string,
    });
  });

  it("refuses a second file, a text value as the file, a long or repeated field, and a body that is not multipart", async () => {
    const twoFiles = new FormData();
    twoFiles.append("file", new Blob(["a"]), "a.csv");
    twoFiles.append("file", new Blob(["b"]), "b.csv");
    const textFile = new FormData();
    textFile.append("file", "not a file");
    const longField = new FormData();
    longField.append("format", "x".repeat(2000));
    longField.append("file", new Blob(["a"]), "a.csv");
    const repeated = new FormData();
    repeated.append("format", "csv");
    repeated.append("format", "faers");
    const cases: [FormData, string, RegExp][] = [
      [twoFiles, "file", /given twice/],
      [textFile, "file", /must be a file/],
      [longField, "format", /longer than/],
      [repeated, "format", /given twice/],
    ];
    for (const [form, path, message] of cases) {
      const { bytes, contentType } = await encoded(form);
      expect(await refusal(receiveUpload(request(bytes, contentType, 100))), path).toMatchObject({
        code: "invalid_input",
        path,
        message: expect.stringMatching(message) as string,
      });
    }
    const json = new Request("http://localhost/", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(await refusal(receiveUpload(json))).toMatchObject({ code: "invalid_input", path: "file" });
  });
});

describe("sanitiseFileName", () => {
  it.each([
    ["faers_ascii_2017Q2.zip", "faers_ascii_2017Q2.zip"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\..\\cases.csv", "cases.csv"],
    [".hidden.csv", "hidden.csv"],
    ["a\u0000b;rm -rf.csv", "a_b_rm -rf.csv"],
    ["..", null],
    ["dir/", null],
  ])("%j → %j", (raw, expected) => expect(sanitiseFileName(raw)).toBe(expected));

  it("caps the length but keeps the extension", () => {
    const name = sanitiseFileName(`${"n".repeat(300)}.csv`);
    expect(name).toHaveLength(120);
    expect(name?.endsWith(".csv")).toBe(true);
  });
});
