// The streaming multipart reader against bodies encoded by the platform's own FormData, cut into
// chunks at every possible place (a boundary split across chunks must not leak into the file).
import { describe, expect, it } from "vitest";
import { MultipartError, multipartBoundary, readMultipart, type TPartInfo } from "@/lib/imports/upload/multipart";
import { sanitiseFileName } from "@/lib/imports/upload/receive-upload";

async function encoded(form: FormData): Promise<{ bytes: Uint8Array; boundary: string }> {
  const response = new Response(form);
  const boundary = multipartBoundary(response.headers.get("content-type"));
  if (!boundary) throw new Error("no boundary");
  return { bytes: new Uint8Array(await response.arrayBuffer()), boundary };
}

async function* inChunks(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield await Promise.resolve(bytes.subarray(at, at + size));
}

async function collect(body: AsyncIterable<Uint8Array>, boundary: string) {
  const parts: (TPartInfo & { text: string })[] = [];
  await readMultipart(body, boundary, (info) => {
    const pieces: Buffer[] = [];
    return {
      write: (chunk) => void pieces.push(Buffer.from(chunk)),
      end: () => void parts.push({ ...info, text: Buffer.concat(pieces).toString("utf8") }),
    };
  });
  return parts;
}

describe("readMultipart", () => {
  const content = "source_id,drugs\r\nA-1,haloperidol:suspect\r\n--not-a-boundary\r\n" + "x".repeat(5000);

  it("reads fields and a file whatever the chunking", async () => {
    const form = new FormData();
    form.append("format", "csv");
    form.append("file", new Blob([content]), "cases é.csv");
    const { bytes, boundary } = await encoded(form);
    for (const size of [1, 2, 3, 7, 41, 64, 1000, bytes.length]) {
      const parts = await collect(inChunks(bytes, size), boundary);
      expect(parts.map((p) => [p.name, p.filename, p.text.length]), `chunks of ${size}`).toEqual([
        ["format", null, 3],
        ["file", "cases é.csv", content.length],
      ]);
      expect(parts[1]?.text).toBe(content);
    }
  });

  it("refuses a body that ends before its closing boundary", async () => {
    const form = new FormData();
    form.append("file", new Blob([content]), "a.csv");
    const { bytes, boundary } = await encoded(form);
    await expect(collect(inChunks(bytes.subarray(0, bytes.length - 10), 64), boundary)).rejects.toThrow(MultipartError);
  });

  it("reads the boundary from the content type", () => {
    expect(multipartBoundary("multipart/form-data; boundary=----abc")).toBe("----abc");
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("application/json")).toBeNull();
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
