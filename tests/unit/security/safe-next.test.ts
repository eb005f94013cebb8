// Sign-in's `next`: only a path on this site, however a browser would read the value.
import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-next";

describe("safeNextPath", () => {
  it.each([
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["//evil.example", "/"],
    ["/\\/evil.example/x", "/"],
    ["https://evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["", "/"],
    [null, "/"],
  ])("keeps %j on the site (→ %j)", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it("keeps an ordinary path with its query and fragment", () => {
    expect(safeNextPath("/cases?sex=female#list")).toBe("/cases?sex=female#list");
    expect(safeNextPath("/signals")).toBe("/signals");
  });

  it("never returns a value a browser would read as another host", () => {
    for (const next of ["/\\evil", "/\t/evil", "/\n/evil", "/\r\\evil", "/ /evil", "/\\\\evil"]) {
      const out = safeNextPath(next);
      expect(new URL(out, "https://nms.example").host).toBe("nms.example");
    }
  });
});
